using System.Net;
using System.Net.Sockets;

namespace Tahaluf.Hub.Webhooks;

/// <summary>
/// Which addresses the hub may call back (server-side request forgery guard). A partner's callback must not make the
/// hub reach its own host, its internal network or a cloud metadata service, so by default only public unicast
/// addresses are called; loopback when <see cref="WebhookOptions.AllowLoopbackHttp"/>; and networks the operator
/// lists in <see cref="WebhookOptions.AllowedNetworks"/> (e.g. a closed coalition network in 10.0.0.0/8). Checked
/// at registration for address literals and at every connection for the addresses a name resolves to, so a name that
/// later resolves elsewhere (DNS rebinding) is caught too. Thread-safe (pure).
/// </summary>
public static class WebhookAddresses
{
    /// <summary>Whether the hub may connect to <paramref name="address"/> under <paramref name="options"/>.</summary>
    /// <param name="address">A resolved address.</param>
    /// <param name="options">Settings.</param>
    /// <returns>True when allowed.</returns>
    public static bool Allows(IPAddress address, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(options);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (options.AllowedNetworks.Any(n => n.Contains(address)))
        {
            return true;
        }

        if (IPAddress.IsLoopback(address))
        {
            return options.AllowLoopbackHttp;
        }

        return IsPublicUnicast(address);
    }

    /// <summary>Whether <paramref name="address"/> is a public unicast address (not private, loopback, link-local, shared, reserved or multicast).</summary>
    /// <param name="address">The address.</param>
    /// <returns>True when public.</returns>
    public static bool IsPublicUnicast(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return !(b[0] == 0                                   // "this" network
                || b[0] == 10                                    // private
                || b[0] == 127                                   // loopback
                || (b[0] == 100 && (b[1] & 0xC0) == 64)          // shared (carrier-grade NAT), 100.64/10
                || (b[0] == 169 && b[1] == 254)                  // link-local, cloud metadata services
                || (b[0] == 172 && (b[1] & 0xF0) == 16)          // private, 172.16/12
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)       // IETF protocol assignments
                || (b[0] == 192 && b[1] == 168)                  // private
                || (b[0] == 198 && (b[1] & 0xFE) == 18)          // benchmarking, 198.18/15
                || b[0] >= 224);                                 // multicast, reserved, broadcast
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out _);
            return !(address.Equals(IPAddress.IPv6Any)
                || address.Equals(IPAddress.IPv6Loopback)
                || (b[0] & 0xFE) == 0xFC                         // unique local, fc00::/7
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)       // link-local, fe80::/10
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0)       // site-local (deprecated), fec0::/10
                || b[0] == 0xFF                                  // multicast
                || (b[0] == 0 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && !IsPublicUnicast(new IPAddress(b[12..]))) // NAT64 of a non-public IPv4
                || address.IsIPv6SiteLocal || address.IsIPv6LinkLocal);
        }

        return false;
    }

    /// <summary>
    /// Connects to the first allowed address of the request's host, or throws when the host resolves to none
    /// (the delivery then fails and is retried; the partner's status shows why). For <see cref="SocketsHttpHandler.ConnectCallback"/>.
    /// </summary>
    /// <param name="context">The connection's host and port.</param>
    /// <param name="options">Settings.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The connected stream.</returns>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, WebhookOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(a => Allows(a, options)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"The callback host {host} resolves to no address the hub may call ({string.Join(", ", addresses.Select(a => a.ToString()))}): private, loopback, link-local and reserved addresses are refused unless the operator allows their network.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
