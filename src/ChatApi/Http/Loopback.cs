using System.Net;

namespace ChatApi.Http;

public static class Loopback
{
    /// <summary>A client on this machine, including 127.0.0.1 seen through a dual-stack socket (<c>::ffff:127.0.0.1</c>).</summary>
    public static bool Is(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
