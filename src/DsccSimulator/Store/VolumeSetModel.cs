namespace DsccSimulator.Store;

/// <summary>
/// A volume set: an application set on device-type1/4 (3PAR vvset), a volume collection on device-type2. One
/// record serves the generic <c>/volume-sets</c> views and the per-type ones. A volume belongs to at most one set,
/// which is what lets the generic volume carry a single <c>volumeSetId</c> and a Nimble volume a single
/// <c>volcoll_id</c>.
/// </summary>
public sealed record VolumeSet
{
    public required string Id { get; init; }

    public required string SystemId { get; init; }

    public required DeviceType DeviceType { get; init; }

    public required string Name { get; init; }

    /// <summary>Array-local set number (<c>appSetId</c>), 1-based per system.</summary>
    public required int Number { get; init; }

    /// <summary><c>appSetType</c> as sent (ORACLE_DATA, SAP_HANA, CUSTOM, ...); null on device-type2.</summary>
    public string AppType { get; init; }

    public string CustomAppType { get; init; }

    /// <summary>HIGHEST .. LOWEST; application sets default to MEDIUM.</summary>
    public string Importance { get; init; }

    public string BusinessUnit { get; init; }

    public string Comment { get; init; }

    public IReadOnlyList<string> MemberIds { get; init; } = [];

    /// <summary>Device-type2 volume-collection settings; null on device-type1/4.</summary>
    public VolumeCollectionSettings Collection { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required long Generation { get; init; }
}

/// <summary>The application-integration fields of a Nimble volume collection, snake_case in the API.</summary>
public sealed record VolumeCollectionSettings
{
    public string Description { get; init; }

    public string AppSync { get; init; }

    public string AppServer { get; init; }

    public string AppId { get; init; }

    public string AppClusterName { get; init; }

    public string AppServiceName { get; init; }

    public string VcenterHostname { get; init; }

    public string VcenterUsername { get; init; }

    public string AgentHostname { get; init; }

    public string AgentUsername { get; init; }

    public string ReplicationType { get; init; }

    public bool? IsStandalone { get; init; }

    public string ProtectionTemplateId { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; }

    /// <summary>This record with every property <paramref name="patch"/> sets replaced.</summary>
    public VolumeCollectionSettings Merge(VolumeCollectionSettings patch) => patch is null ? this : new()
    {
        Description = patch.Description ?? Description,
        AppSync = patch.AppSync ?? AppSync,
        AppServer = patch.AppServer ?? AppServer,
        AppId = patch.AppId ?? AppId,
        AppClusterName = patch.AppClusterName ?? AppClusterName,
        AppServiceName = patch.AppServiceName ?? AppServiceName,
        VcenterHostname = patch.VcenterHostname ?? VcenterHostname,
        VcenterUsername = patch.VcenterUsername ?? VcenterUsername,
        AgentHostname = patch.AgentHostname ?? AgentHostname,
        AgentUsername = patch.AgentUsername ?? AgentUsername,
        ReplicationType = patch.ReplicationType ?? ReplicationType,
        IsStandalone = patch.IsStandalone ?? IsStandalone,
        ProtectionTemplateId = patch.ProtectionTemplateId ?? ProtectionTemplateId,
        Metadata = patch.Metadata ?? Metadata,
    };
}

/// <summary>
/// A volume-set create or edit after the endpoint checked its shape. Members are volume names on device-type1/4
/// (<c>members</c>, <c>addMembers</c>) and volume ids on device-type2 (<c>volume_list</c>, <c>volume_ids</c>).
/// On an edit, null properties stay as they are.
/// </summary>
public sealed record VolumeSetPlan
{
    public required string SystemId { get; init; }

    public string Name { get; init; }

    public string AppType { get; init; }

    public string CustomAppType { get; init; }

    public string Importance { get; init; }

    public string BusinessUnit { get; init; }

    public string Comment { get; init; }

    public IReadOnlyList<string> AddMembers { get; init; } = [];

    public IReadOnlyList<string> RemoveMembers { get; init; } = [];

    public VolumeCollectionSettings Collection { get; init; }
}
