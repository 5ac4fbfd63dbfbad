using System.Globalization;
using Microsoft.AspNetCore.Http.Features;

namespace IldRegistry.Api.Common.Hardening;

/// <summary>
/// Request size limits: Kestrel refuses oversized headers and bodies itself; this middleware answers an announced
/// oversized body (<c>Content-Length</c>) with 413 problem details before anything reads it, and enforces the same
/// limit on streamed bodies where the server has no limit of its own (the in-memory test server).
/// </summary>
internal static class RequestLimits
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app, long defaultLimit) => app.Use(async (context, next) =>
    {
        // An endpoint may raise its own limit ([RequestSizeLimit] on the import).
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? defaultLimit;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status413PayloadTooLarge, Title = "Payload too large", Detail = TooLarge(limit) },
            });
            return;
        }

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is null)
        {
            context.Request.Body = new LimitedReadStream(context.Request.Body, limit);
        }
        else if (!feature.IsReadOnly)
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context);
    });

    private static string TooLarge(long limit) =>
        string.Create(CultureInfo.InvariantCulture, $"The request body is larger than the limit of {limit} bytes.");

    /// <summary>Throws the same 413 <see cref="BadHttpRequestException"/> Kestrel would once more than the limit was read.</summary>
    private sealed class LimitedReadStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            if (_read > limit)
            {
                throw new BadHttpRequestException(TooLarge(limit), StatusCodes.Status413PayloadTooLarge);
            }

            return read;
        }
    }
}
