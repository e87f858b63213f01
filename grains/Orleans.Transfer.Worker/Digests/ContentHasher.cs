using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Hashes a download's bytes as they are written, for the digests they must match: the caller's, and those the server
/// sends with a response. A hash that starts while the sink already holds bytes (a resumed file, or a server digest
/// first seen on a resumed request) reads that prefix back from the sink once. A restart of the file starts every hash
/// again, and forgets the server's digests, which were of the old response.
/// </summary>
internal sealed partial class ContentHasher : IDisposable
{
    private readonly ITransferSink _sink;
    private readonly ExpectedDigest? _caller;
    private readonly int _bufferSize;
    private readonly ILogger _logger;
    private readonly Guid _jobId;
    private readonly int _fileIndex;
    private readonly Dictionary<DigestAlgorithm, IncrementalHash> _hashes = [];
    private readonly List<ExpectedDigest> _server = [];
    private int _mismatches;

    /// <param name="sink">Where the bytes are written, read back to hash a kept prefix.</param>
    /// <param name="caller">The caller's expected digest, or null.</param>
    /// <param name="bufferSize">The size of the reads of a kept prefix.</param>
    /// <param name="logger">For ignored server headers and re-hashed prefixes.</param>
    /// <param name="jobId">The job, for logs.</param>
    /// <param name="fileIndex">The file, for logs.</param>
    public ContentHasher(ITransferSink sink, ContentDigest? caller, int bufferSize, ILogger logger, Guid jobId, int fileIndex)
    {
        _sink = sink;
        _caller = caller is null ? null : new ExpectedDigest(caller.Algorithm, Convert.FromHexString(caller.Hex), ExpectedDigest.CallerSource);
        _bufferSize = bufferSize;
        _logger = logger;
        _jobId = jobId;
        _fileIndex = fileIndex;
    }

    /// <summary>True once the finished file matched the caller's digest (<see cref="Verify"/>).</summary>
    public bool Verified { get; private set; }

    /// <summary>Starts the caller's hash over the <paramref name="held"/> bytes the sink keeps from an earlier run.</summary>
    public ValueTask StartAsync(long held, CancellationToken cancellationToken) =>
        _caller is null ? ValueTask.CompletedTask : TrackAsync(_caller.Algorithm, held, cancellationToken);

    /// <summary>True while a digest is being computed: the bytes written must reach <see cref="Append"/> in order.</summary>
    public bool IsHashing => _hashes.Count > 0;

    /// <summary>
    /// Hashes bytes <paramref name="from"/> to <paramref name="to"/> (exclusive), read back from the sink, after every
    /// byte before them: a segmented download's bytes that were written before the prefix reached them.
    /// </summary>
    public async ValueTask AppendFromSinkAsync(long from, long to, CancellationToken cancellationToken)
    {
        if (IsHashing)
        {
            await ReadBackAsync(hash: null, from, to, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Hashes bytes just written after every byte before them.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        foreach (var hash in _hashes.Values)
        {
            hash.AppendData(data);
        }
    }

    /// <summary>
    /// The digests the server sent with the response now streaming. They add to those of earlier responses for the same
    /// file (a retry's 206 may carry none; a file that changed restarts, which forgets them all). A hash for an
    /// algorithm not hashed yet catches up on the <paramref name="position"/> bytes written so far.
    /// </summary>
    public async ValueTask ExpectFromServerAsync(IReadOnlyList<ExpectedDigest> digests, long position, CancellationToken cancellationToken)
    {
        foreach (var digest in digests)
        {
            if (!_server.Exists(known => known.Algorithm == digest.Algorithm && known.Source == digest.Source && known.Value.AsSpan().SequenceEqual(digest.Value)))
            {
                _server.Add(digest);
            }

            if (!_hashes.ContainsKey(digest.Algorithm))
            {
                await TrackAsync(digest.Algorithm, position, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A server digest header that cannot be used: logged, and the file is not checked against it.</summary>
    public void Ignore(string header, string reason) => LogHeaderIgnored(_logger, _jobId, _fileIndex, header, reason);

    /// <summary>The file starts again from zero.</summary>
    public void Reset()
    {
        DisposeHashes();
        _server.Clear();
        if (_caller is not null)
        {
            _hashes[_caller.Algorithm] = IncrementalHash.CreateHash(NameOf(_caller.Algorithm));
        }
    }

    /// <summary>
    /// Checks the finished file of <paramref name="bytes"/> bytes against every digest it has. The first mismatch in a
    /// run starts the file again; the second fails it with ContentDigestMismatch, not transient: the same bytes would
    /// come again.
    /// </summary>
    public DigestVerdict Verify(string displayName, long bytes)
    {
        if (FirstMismatch() is not { } mismatch)
        {
            Verified = _caller is not null;
            if (Verified)
            {
                LogVerified(_logger, _jobId, _fileIndex, bytes);
            }

            return DigestVerdict.Matched;
        }

        var described = mismatch.Describe();
        if (++_mismatches == 1)
        {
            LogMismatchRestarting(_logger, _jobId, _fileIndex, bytes, described);
            return new DigestVerdict($"{described} (downloading it again once)", Failure: null);
        }

        LogMismatchFailed(_logger, _jobId, _fileIndex, bytes, described);
        return new DigestVerdict(RestartReason: null, new TransferFailure(
            TransferErrorCode.ContentDigestMismatch,
            ErrorContext.RemoteFile,
            $"The file {displayName} was downloaded twice and did not match either time: {described}. Its data was deleted; "
                + "check the expected digest and the source, then resume the job to download it again.",
            HttpStatus: null,
            IsTransient: false));
    }

    public void Dispose() => DisposeHashes();

    private static HashAlgorithmName NameOf(DigestAlgorithm algorithm) =>
        algorithm == DigestAlgorithm.Sha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;

    private DigestMismatch? FirstMismatch()
    {
        var actual = _hashes.ToDictionary(pair => pair.Key, pair => pair.Value.GetCurrentHash());
        IEnumerable<ExpectedDigest> expected = _caller is null ? _server : [_caller, .. _server];
        foreach (var digest in expected)
        {
            var bytes = actual[digest.Algorithm];
            if (!CryptographicOperations.FixedTimeEquals(bytes, digest.Value))
            {
                return new DigestMismatch(digest, bytes);
            }
        }

        return null;
    }

    private async ValueTask TrackAsync(DigestAlgorithm algorithm, long position, CancellationToken cancellationToken)
    {
        var hash = IncrementalHash.CreateHash(NameOf(algorithm));
        try
        {
            if (position > 0)
            {
                await ReadBackAsync(hash, 0, position, cancellationToken).ConfigureAwait(false);
                LogPrefixRehashed(_logger, _jobId, _fileIndex, position, algorithm);
            }
        }
        catch
        {
            hash.Dispose();
            throw;
        }

        _hashes[algorithm] = hash;
    }

    /// <summary>Reads bytes <paramref name="from"/> to <paramref name="to"/> back from the sink into <paramref name="hash"/>, or every hash when null.</summary>
    private async ValueTask ReadBackAsync(IncrementalHash? hash, long from, long to, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(_bufferSize);
        try
        {
            var position = from;
            while (position < to)
            {
                var want = (int)Math.Min(buffer.Length, to - position);
                var read = await _sink.ReadAsync(buffer.AsMemory(0, want), position, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new SinkLostException(
                        $"the temp file ended at byte {position} of the {to} bytes kept",
                        TransferErrorCode.TempFileLost,
                        ErrorContext.LocalFile);
                }

                if (hash is null)
                {
                    Append(buffer.AsSpan(0, read));
                }
                else
                {
                    hash.AppendData(buffer, 0, read);
                }

                position += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void DisposeHashes()
    {
        foreach (var hash in _hashes.Values)
        {
            hash.Dispose();
        }

        _hashes.Clear();
    }
}
