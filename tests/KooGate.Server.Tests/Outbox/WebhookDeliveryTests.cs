using KooGate.Server.Data;
using KooGate.Server.Outbox;
using KooGate.Server.Tests.Infrastructure;

namespace KooGate.Server.Tests.Outbox;

public sealed class WebhookDeliveryTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Create_goes_out_signed_over_the_exact_body_and_is_marked_delivered(DatabaseKind database)
    {
        await using var t = await WebhookTestHost.StartAsync(database: database);
        var reply = await t.CreateAsync("ORDER-W1", "biz-w1");
        Assert.Equal("000004", reply.ResultCode);

        var hook = await t.Receiver.NextAsync();
        Assert.True(
            WebhookSignature.Verify(WebhookTestHost.Secret, hook.Headers[WebhookSignature.HeaderName], hook.Body, t.Host.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)),
            hook.Headers[WebhookSignature.HeaderName]);
        Assert.False(WebhookSignature.Verify("other-secret", hook.Headers[WebhookSignature.HeaderName], hook.Body, t.Host.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.Equal("instance.created", hook.Headers["KooGate-Event-Type"]);
        Assert.Equal("1", hook.Headers["KooGate-Delivery-Attempt"]);
        Assert.Equal("biz-w1", hook.Json.GetProperty("instanceId").GetString());
        Assert.Equal("ORDER-W1", hook.Json.GetProperty("data").GetProperty("orderId").GetString());
        Assert.Equal(hook.Headers["KooGate-Event-Id"], hook.Json.GetProperty("id").GetString());

        await t.WaitForOutboxAsync(m => m.Status == OutboxStatus.Delivered && m.Attempts == 1, "delivered status");
    }

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
        Assert.Equal(first.Headers["KooGate-Event-Id"], second.Headers["KooGate-Event-Id"]);
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
        request.Headers.Add("X-Api-Key", KooGateHost.AdminApiKey);
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
            complete.Headers.Add("X-Api-Key", KooGateHost.AdminApiKey);
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
