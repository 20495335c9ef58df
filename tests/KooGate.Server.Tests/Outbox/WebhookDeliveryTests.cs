using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using KooGate.Testing.Server;

namespace KooGate.Server.Tests.Outbox;

public sealed class WebhookDeliveryTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Create_goes_out_signed_by_the_Standard_Webhooks_spec_and_is_marked_delivered(DatabaseKind database)
    {
        await using var t = await WebhookTestHost.StartAsync(database: database);
        var reply = await t.CreateAsync("ORDER-W1", "biz-w1");
        Assert.Equal("000004", reply.ResultCode);

        var hook = await t.Receiver.NextAsync();

        // The StandardWebhooks NuGet package (an independent implementation) accepts the real delivery as received…
        new StandardWebhooks.StandardWebhook(WebhookTestHost.Secret).Verify(hook.Text, StandardHeaders(hook));
        // …and refuses it under another secret or with one byte changed.
        var otherSecret = new StandardWebhooks.StandardWebhook(Client.Events.WebhookSignature.NewSecret());
        Assert.ThrowsAny<Exception>(() => otherSecret.Verify(hook.Text, StandardHeaders(hook)));
        Assert.ThrowsAny<Exception>(() => new StandardWebhooks.StandardWebhook(WebhookTestHost.Secret).Verify(hook.Text + " ", StandardHeaders(hook)));

        // KooGate.Client reads it into the typed event.
        var received = new Client.Events.WebhookVerifier(WebhookTestHost.Secret, t.Host.Clock).ConstructEvent(hook.Headers, hook.Body);
        var created = Assert.IsType<Client.Events.WebhookEvent<Client.Events.InstanceCreated>>(received);
        Assert.Equal(("biz-w1", "ORDER-W1", "ORDER-W1-1"), (created.Data.InstanceId, created.Data.OrderId, created.Data.OrderLineId));
        Assert.Null(created.Data.Order);
        Assert.Equal("instance.created", hook.Headers["KooGate-Event-Type"]);
        Assert.Equal("1", hook.Headers["KooGate-Delivery-Attempt"]);
        Assert.Equal(hook.Headers["webhook-id"], hook.Json.GetProperty("id").GetString());
        Assert.DoesNotContain("KooGate-Signature", hook.Headers.Keys);

        await t.WaitForOutboxAsync(m => m.Status == OutboxStatus.Delivered && m.Attempts == 1, "delivered status");
    }

    [Fact]
    public async Task During_a_rotation_both_secrets_sign_and_a_receiver_with_either_one_verifies()
    {
        var (older, newer) = (WebhookTestHost.Secret, Client.Events.WebhookSignature.NewSecret());
        await using var t = await WebhookTestHost.StartAsync(secret: older + " " + newer);
        await t.CreateAsync("ORDER-W9", "biz-w9");

        var hook = await t.Receiver.NextAsync();
        Assert.Equal(2, hook.Headers["webhook-signature"].Split(' ').Length);
        foreach (var secret in new[] { older, newer })
        {
            Assert.IsType<Client.Events.WebhookEvent<Client.Events.InstanceCreated>>(
                new Client.Events.WebhookVerifier(secret, t.Host.Clock).ConstructEvent(hook.Headers, hook.Body));
        }

        // The standardwebhooks npm package (tests/independent/webhooks) accepts it with either secret, not with a third.
        var node = await VerifyWithNodeAsync(hook, older, newer, Client.Events.WebhookSignature.NewSecret());
        Assert.True(node[0] && node[1] && !node[2], string.Join(",", node));

        // StandardWebhooks 1.1.2 compares only the first of several signatures (its loop re-reads the whole header for
        // the last one), so a receiver using it keeps working as long as its secret is listed first (docs/integrating.md).
        new StandardWebhooks.StandardWebhook(older).Verify(hook.Text, StandardHeaders(hook));
    }

    /// <summary>Runs tests/independent/webhooks/verify.mjs (npm standardwebhooks) on the delivery, once per secret.</summary>
    private static async Task<bool[]> VerifyWithNodeAsync(ReceivedWebhook hook, params string[] secrets)
    {
        var folder = Path.Combine(Independent.NodeClient.RepositoryRoot, "tests", "independent", "webhooks");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "standardwebhooks")), $"run `npm ci` in {folder} first (.ci/run does)");
        var input = Path.GetTempFileName();
        try
        {
            var headers = new Dictionary<string, string>
            {
                ["webhook-id"] = hook.Headers["webhook-id"],
                ["webhook-timestamp"] = hook.Headers["webhook-timestamp"],
                ["webhook-signature"] = hook.Headers["webhook-signature"],
            };
            await File.WriteAllTextAsync(input, System.Text.Json.JsonSerializer.Serialize(new { secrets, deliveries = new[] { new { headers, body = hook.Text } } }));
            var run = await Independent.NodeClient.RunAsync("node", [Path.Combine(folder, "verify.mjs"), input], TimeSpan.FromSeconds(60));
            Assert.True(run.ExitCode == 0, run.Error);
            using var results = System.Text.Json.JsonDocument.Parse(run.Output);
            return [.. results.RootElement[0].EnumerateArray().Select(r => r.GetProperty("ok").GetBoolean())];
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static Microsoft.AspNetCore.Http.HeaderDictionary StandardHeaders(ReceivedWebhook hook) => new()
    {
        ["webhook-id"] = hook.Headers["webhook-id"],
        ["webhook-timestamp"] = hook.Headers["webhook-timestamp"],
        ["webhook-signature"] = hook.Headers["webhook-signature"],
    };

    [Fact]
    public async Task A_failed_delivery_is_retried_after_the_backoff_with_the_same_event_id()
    {
        await using var t = await WebhookTestHost.StartAsync();
        t.Receiver.AnswerNext(500);
        await t.CreateAsync("ORDER-W2", "biz-w2");

        var first = await t.Receiver.NextAsync();
        Assert.Equal(500, first.AnsweredStatus);
        await t.WaitForOutboxAsync(m => m.Attempts == 1 && m.Status == OutboxStatus.Pending, "first failure recorded");
        var failed = await t.OutboxAsync(_ => true);
        Assert.Contains("500", failed.LastError, StringComparison.Ordinal);
        Assert.InRange(failed.NextAttemptAt - t.Host.Clock.GetUtcNow(), TimeSpan.FromSeconds(4.99), TimeSpan.FromSeconds(5.01));
        Assert.False(t.Receiver.TryTake(out _), "no second attempt before the backoff ends");

        await t.WaitForOutboxAsync(m => m.Status == OutboxStatus.Delivered, "retry delivered", tickClock: true);
        var second = await t.Receiver.NextAsync();
        Assert.Equal(first.Headers["webhook-id"], second.Headers["webhook-id"]);
        Assert.Equal("2", second.Headers["KooGate-Delivery-Attempt"]);
        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public async Task After_max_attempts_the_message_is_dead_and_admin_redelivery_sends_it_again()
    {
        await using var t = await WebhookTestHost.StartAsync(maxAttempts: 2);
        t.Receiver.AnswerNext(503, 503);
        await t.CreateAsync("ORDER-W3", "biz-w3");

        await t.WaitForOutboxAsync(m => m.Status == OutboxStatus.Dead, "dead letter", tickClock: true);
        var dead = await t.OutboxAsync(_ => true);
        Assert.Equal(2, dead.Attempts);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/api/outbox/{dead.Id}/redeliver");
        request.Headers.Add("X-Api-Key", TestKeys.AdminApiKey);
        var response = await t.Host.Http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);

        await t.WaitForOutboxAsync(m => m.Status == OutboxStatus.Delivered, "redelivered");
        Assert.Equal(1, (await t.OutboxAsync(_ => true)).Attempts);
    }

    [Fact]
    public async Task A_slow_receiver_times_out_and_the_attempt_counts_as_failed()
    {
        await using var t = await WebhookTestHost.StartAsync(timeoutSeconds: 1);
        t.Receiver.Delay = TimeSpan.FromSeconds(5);
        await t.CreateAsync("ORDER-W4", "biz-w4");

        await t.WaitForOutboxAsync(m => m.Attempts == 1, "timed-out attempt");
        Assert.Contains("timed out", (await t.OutboxAsync(_ => true)).LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_of_one_instance_wait_for_the_older_one()
    {
        await using var t = await WebhookTestHost.StartAsync();
        t.Receiver.AnswerNext(500);
        await t.CreateAsync("ORDER-W5", "biz-w5");
        await t.Receiver.NextAsync();
        await t.WaitForOutboxAsync(m => m.Attempts == 1, "first failure recorded");

        // The app finishes provisioning, then the buyer's instance is frozen: a second event for the same instance.
        using (var complete = new HttpRequestMessage(HttpMethod.Post, "/admin/api/instances/biz-w5/complete")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { frontEndUrl = "https://app.example.com/w5" }),
        })
        {
            complete.Headers.Add("X-Api-Key", TestKeys.AdminApiKey);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await t.Host.Http.SendAsync(complete)).StatusCode);
        }

        var freeze = await t.Marketplace.PostAsync(new { activity = "updateInstanceStatus", instanceId = "biz-w5", status = "FREEZE" });
        Assert.Equal("000000", freeze.ResultCode);
        await Task.Delay(200);
        Assert.False(t.Receiver.TryTake(out var early), $"the newer event went out first: {early?.Text}");

        await t.WaitForOutboxAsync(m => m.Type == "instance.created" && m.Status == OutboxStatus.Delivered, "created delivered", tickClock: true);
        var retried = await t.Receiver.NextAsync();
        Assert.Equal("instance.created", retried.Headers["KooGate-Event-Type"]);
        var next = await t.Receiver.NextAsync();
        Assert.NotEqual("instance.created", next.Headers["KooGate-Event-Type"]);
    }
}
