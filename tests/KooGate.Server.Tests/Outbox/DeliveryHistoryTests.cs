using System.Net.Http.Json;
using KooGate.Client.Admin;
using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using KooGate.Testing.Server;

namespace KooGate.Server.Tests.Outbox;

public sealed class DeliveryHistoryTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Every_attempt_is_recorded_with_its_status_error_and_outcome_and_the_admin_API_shows_them(DatabaseKind database)
    {
        await using var t = await WebhookTestHost.StartAsync(maxAttempts: 2, database: database);
        t.Receiver.AnswerNext(500, 503);
        await t.CreateAsync("ORDER-H1", "biz-h1");
        await t.WaitForOutboxAsync(m => m.Status == OutboxStatus.Dead, "dead letter", tickClock: true);
        var id = (await t.OutboxAsync(_ => true)).Id;

        var dead = await GetAsync(t, id);
        Assert.Equal(
            [(2, (int?)503, "Dead"), (1, 500, "Retrying")],
            dead.History!.Select(a => (a.Attempt, a.StatusCode, a.Outcome)).ToList());
        Assert.All(dead.History!, a => Assert.StartsWith($"HTTP {a.StatusCode}", a.Error, StringComparison.Ordinal));
        Assert.True(dead.History![0].StartedAt > dead.History[1].StartedAt, "the retry started after the backoff");

        // A redelivery starts a new attempt budget; the history keeps the earlier attempts.
        using (var redeliver = new HttpRequestMessage(HttpMethod.Post, $"/admin/api/outbox/{id}/redeliver"))
        {
            redeliver.Headers.Add("X-Api-Key", TestKeys.AdminApiKey);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, (await t.Host.Http.SendAsync(redeliver)).StatusCode);
        }

        await t.WaitForOutboxAsync(m => m.Status == OutboxStatus.Delivered, "redelivered");
        var delivered = await GetAsync(t, id);
        Assert.Equal(
            [(1, (int?)200, "Delivered", (string?)null), (2, 503, "Dead", "HTTP 503 Service Unavailable"), (1, 500, "Retrying", "HTTP 500 Internal Server Error")],
            delivered.History!.Select(a => (a.Attempt, a.StatusCode, a.Outcome, a.Error)).ToList());
        Assert.All(delivered.History!, a => Assert.True(a.DurationMilliseconds >= 0));
    }

    [Fact]
    public async Task An_attempt_without_an_answer_is_recorded_with_no_status()
    {
        await using var t = await WebhookTestHost.StartAsync(timeoutSeconds: 1);
        t.Receiver.Delay = TimeSpan.FromSeconds(5);
        await t.CreateAsync("ORDER-H2", "biz-h2");
        await t.WaitForOutboxAsync(m => m.Attempts == 1, "timed-out attempt");

        var attempt = Assert.Single((await GetAsync(t, (await t.OutboxAsync(_ => true)).Id)).History!);
        Assert.Null(attempt.StatusCode);
        Assert.Equal("timed out after 1 s", attempt.Error);
        Assert.Equal("Retrying", attempt.Outcome);
        Assert.InRange(attempt.DurationMilliseconds, 900, 4900);
    }

    [Fact]
    public async Task The_list_leaves_the_history_out()
    {
        await using var t = await WebhookTestHost.StartAsync();
        await t.CreateAsync("ORDER-H3", "biz-h3");
        await t.WaitForOutboxAsync(m => m.Status == OutboxStatus.Delivered, "delivered");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/api/outbox");
        request.Headers.Add("X-Api-Key", TestKeys.AdminApiKey);
        using var list = System.Text.Json.JsonDocument.Parse(await (await t.Host.Http.SendAsync(request)).Content.ReadAsStringAsync());
        Assert.False(list.RootElement[0].TryGetProperty("history", out _));
    }

    private static async Task<AdminDelivery> GetAsync(WebhookTestHost t, Guid id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/admin/api/outbox/{id}");
        request.Headers.Add("X-Api-Key", TestKeys.AdminApiKey);
        using var response = await t.Host.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<AdminDelivery>())!;
    }
}
