await Tenants.Sample.TenantsApp.Build(args).RunAsync();
