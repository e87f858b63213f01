using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orleans.Transfer.LocalApi.Tests;

/// <summary>Raw HTTP calls to the local API in the contract's JSON form.</summary>
public static class ApiCalls
{
    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string path, T body) =>
        client.PostAsync(path, JsonContent.Create(body, options: TransferJson.Options));

    public static Task<HttpResponseMessage> PutJsonAsync<T>(this HttpClient client, string path, T body) =>
        client.PutAsync(path, JsonContent.Create(body, options: TransferJson.Options));

    public static Task<HttpResponseMessage> PatchJsonAsync<T>(this HttpClient client, string path, T body) =>
        client.PatchAsync(path, JsonContent.Create(body, options: TransferJson.Options));

    /// <summary>The answer's body, after checking its status.</summary>
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, TransferJson.Options)!;
    }

    /// <summary>The <see cref="ApiError"/> of a refusal, after checking its status and JSON content type.</summary>
    public static async Task<ApiError> ReadErrorAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.ReadAsync<ApiError>(expected);
    }

    public static async Task<JobInfo> CreateJobAsync(this HttpClient client, CreateJobRequest request) =>
        await (await client.PostJsonAsync(LocalApiRoutes.Jobs, request)).ReadAsync<JobInfo>(HttpStatusCode.Created);

    public static CreateJobRequest NewJob(string name = "api job", IReadOnlyList<FileSpec>? files = null, bool resume = false) =>
        new(name, null, JobType.Download, JobPriority.Normal, Owner: string.Empty, Files: files, Resume: resume);

    /// <summary>Reads an event stream to its end: every <c>data:</c> line as a <see cref="JobEvent"/>.</summary>
    public static async Task<IReadOnlyList<JobEvent>> ReadEventsToEndAsync(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<JobEvent>();
        while (await NextEventAsync(reader) is { } jobEvent)
        {
            events.Add(jobEvent);
        }

        return events;
    }

    /// <summary>The next event of a stream, or null when the stream ended.</summary>
    public static async Task<JobEvent?> NextEventAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            Assert.StartsWith("data: ", line, StringComparison.Ordinal);
            return JsonSerializer.Deserialize<JobEvent>(line["data: ".Length..], TransferJson.Options);
        }

        return null;
    }
}
