namespace DsccSimulator.Resources.Common;

// Small shapes that many spec schemas repeat inline. Property names follow the spec exactly.

/// <summary><c>associatedLinks[]</c> item: <c>{resourceUri, type}</c>.</summary>
public sealed record AssociatedLink(string ResourceUri, string Type);

/// <summary>3PAR-style time: <c>calendar</c>, <c>uptime</c> (<c>{ms, tz}</c>).</summary>
public sealed record CalendarTime(long Ms, string Tz);

/// <summary>Localised enum value such as <c>deviceType</c>: <c>{key, default}</c>.</summary>
public sealed record MessageKey(string Key, string Default);

/// <summary><c>systemState</c> / <c>STATE</c>: <c>{overall, detailed[]}</c>.</summary>
public sealed record OverallState(string Overall, IReadOnlyList<string> Detailed);

/// <summary>Host initiator reference on volumes: <c>{deviceDiscoveredName, id, resourceUri, type}</c>.</summary>
public sealed record InitiatorReference(string DeviceDiscoveredName, string Id, string ResourceUri, string Type);
