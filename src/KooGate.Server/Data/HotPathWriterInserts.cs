using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace KooGate.Server.Data;

/// <summary>
/// The <see cref="HotPathWriter"/>'s INSERTs without EF Core's update pipeline (change tracking, SQL generation per
/// batch): one reusable command per entity type, built once from the EF model — table, columns, each column's type
/// mapping and value converter — so a row costs a copy of its values into the parameters and one execution. The rows
/// are the ones <c>SaveChanges</c> would write: a store-generated key left at its default is left to the database and
/// read back into the entity. Types mapped in ways this does not cover (shadow, complex or client-generated
/// properties, inheritance, several tables) are not <see cref="Supports">supported</see> and go through EF instead.
/// The commands belong to one connection: a new instance is made whenever the writer reopens it.
/// </summary>
internal sealed class HotPathWriterInserts(KooGateDbContext db)
{
    private readonly Dictionary<Type, Table?> _tables = [];
    private readonly Dictionary<(Type, bool), DbCommand> _commands = [];

    /// <summary>True when every row's type can be inserted here.</summary>
    public bool Supports(IReadOnlyList<object> rows)
    {
        foreach (var row in rows)
        {
            if (TableOf(row.GetType()) is null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Inserts the rows in order inside <paramref name="transaction"/>; a refusal is a <see cref="DbUpdateException"/>, as from EF.</summary>
    public Task InsertAsync(IReadOnlyList<object> rows, DbTransaction transaction) =>
        rows.Count > 1 && transaction.Connection is { CanCreateBatch: true } connection
            ? InsertBatchAsync(connection, rows, transaction)
            : InsertOneByOneAsync(rows, transaction);

    /// <summary>
    /// One round trip for all the rows (PostgreSQL: a <see cref="DbBatch"/> is one network write; each prepared insert
    /// would be its own). Keys the database generates come back in order, one result per generating insert.
    /// </summary>
    private async Task InsertBatchAsync(DbConnection connection, IReadOnlyList<object> rows, DbTransaction transaction)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        var generating = new List<(object Row, Column Key)>();
        foreach (var row in rows)
        {
            var table = TableOf(row.GetType())!;
            var generate = Generates(table, row);
            var template = CommandFor(table, generate);
            var command = batch.CreateBatchCommand();
            command.CommandText = template.CommandText;
            var index = 0;
            foreach (var column in table.Columns)
            {
                if (generate && column == table.Generated)
                {
                    continue;
                }

                // As the prepared command's parameter (type mapping applied), holding the provider's value.
                var parameter = column.Mapping.CreateParameter(template, template.Parameters[index].ParameterName, null, column.Property.IsNullable);
                parameter.Value = column.ProviderValue(row);
                command.Parameters.Add(parameter);
                index++;
            }

            batch.BatchCommands.Add(command);
            if (generate)
            {
                generating.Add((row, table.Generated!));
            }
        }

        try
        {
            await using var reader = await batch.ExecuteReaderAsync();
            foreach (var (row, key) in generating)
            {
                if (!await reader.ReadAsync())
                {
                    throw new InvalidOperationException($"the insert into {key.Name} returned no generated key");
                }

                key.Property.PropertyInfo!.SetValue(row, key.ModelValue(reader.GetValue(0)));
                await reader.NextResultAsync();
            }
        }
        catch (DbException e)
        {
            throw new DbUpdateException(e.Message, e);
        }
    }

    private static bool Generates(Table table, object row) =>
        table.Generated is { } generated && Equals(generated.Getter.GetClrValueUsingContainingEntity(row), generated.Property.Sentinel);

    private async Task InsertOneByOneAsync(IReadOnlyList<object> rows, DbTransaction transaction)
    {
        foreach (var row in rows)
        {
            var table = TableOf(row.GetType())!;
            var generate = Generates(table, row);
            var command = CommandFor(table, generate);
            command.Transaction = transaction;
            var parameters = command.Parameters;
            var index = 0;
            foreach (var column in table.Columns)
            {
                if (generate && column == table.Generated)
                {
                    continue;
                }

                parameters[index++].Value = column.ProviderValue(row);
            }

            try
            {
                if (generate)
                {
                    var key = table.Generated!;
                    key.Property.PropertyInfo!.SetValue(row, key.ModelValue(await command.ExecuteScalarAsync()));
                }
                else
                {
                    await command.ExecuteNonQueryAsync();
                }
            }
            catch (DbException e)
            {
                throw new DbUpdateException(e.Message, e);
            }
        }
    }

    private DbCommand CommandFor(Table table, bool generate)
    {
        if (_commands.TryGetValue((table.Type, generate), out var command))
        {
            return command;
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        command = db.Database.GetDbConnection().CreateCommand();
        var columns = new StringBuilder();
        var values = new StringBuilder();
        var index = 0;
        foreach (var column in table.Columns)
        {
            if (generate && column == table.Generated)
            {
                continue;
            }

            var separator = index == 0 ? "" : ", ";
            columns.Append(separator).Append(sql.DelimitIdentifier(column.Name));
            values.Append(separator).Append(sql.GenerateParameterNamePlaceholder($"p{index}"));
            command.Parameters.Add(column.Mapping.CreateParameter(command, sql.GenerateParameterName($"p{index}"), null, column.Property.IsNullable));
            index++;
        }

        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({columns}) VALUES ({values})"
            + (generate ? $" RETURNING {sql.DelimitIdentifier(table.Generated!.Name)}" : "");
        _commands[(table.Type, generate)] = command;
        return command;
    }

    private Table? TableOf(Type type)
    {
        if (!_tables.TryGetValue(type, out var table))
        {
            table = Describe(db.Model.FindEntityType(type));
            _tables[type] = table;
        }

        return table;
    }

    private static Table? Describe(IEntityType? entityType)
    {
        if (entityType is null || entityType.BaseType is not null || entityType.GetDirectlyDerivedTypes().Any()
            || entityType.GetComplexProperties().Any() || entityType.GetTableMappings().Count() != 1)
        {
            return null;
        }

        var mapping = entityType.GetTableMappings().Single();
        var columns = new List<Column>();
        Column? generated = null;
        foreach (var property in entityType.GetProperties())
        {
            if (property.IsShadowProperty() || mapping.ColumnMappings.SingleOrDefault(c => c.Property == property) is not { } columnMapping)
            {
                return null;
            }

            var column = new Column(property, columnMapping.Column.Name, columnMapping.TypeMapping);
            if (property.ValueGenerated != ValueGenerated.Never)
            {
                // Only the store's own key numbering is reproduced: anything EF generates on the client stays with EF.
                var storeKey = property.ValueGenerated == ValueGenerated.OnAdd && property.IsPrimaryKey()
                    && property.ClrType == typeof(long) && property.PropertyInfo is not null && generated is null && property.GetValueGeneratorFactory() is null;
                if (!storeKey)
                {
                    return null;
                }

                generated = column;
            }

            columns.Add(column);
        }

        return new Table(entityType.ClrType, mapping.Table.Name, mapping.Table.Schema, columns, generated);
    }

    private sealed record Table(Type Type, string Name, string? Schema, IReadOnlyList<Column> Columns, Column? Generated);

    private sealed class Column(IProperty property, string name, RelationalTypeMapping mapping)
    {
        public IProperty Property { get; } = property;

        public string Name { get; } = name;

        public RelationalTypeMapping Mapping { get; } = mapping;

        public IClrPropertyGetter Getter { get; } = property.GetGetter();

        /// <summary>The value as the provider stores it (value converter applied, enums as their number).</summary>
        public object ProviderValue(object row)
        {
            var value = Getter.GetClrValueUsingContainingEntity(row);
            if (value is null)
            {
                return DBNull.Value;
            }

            if (Mapping.Converter is { } converter)
            {
                value = converter.ConvertToProvider(value);
            }
            else if (value is Enum)
            {
                value = Convert.ChangeType(value, Enum.GetUnderlyingType(value.GetType()), System.Globalization.CultureInfo.InvariantCulture);
            }

            return value ?? DBNull.Value;
        }

        /// <summary>A value the database generated, as the entity holds it.</summary>
        public object? ModelValue(object? value) =>
            value is null or DBNull ? null
            : Mapping.Converter is { } converter ? converter.ConvertFromProvider(value)
            : Convert.ChangeType(value, Property.ClrType, System.Globalization.CultureInfo.InvariantCulture);
    }
}
