using System.Globalization;
using DsccSimulator.Resources.Common;
using DsccSimulator.Store;

namespace DsccSimulator.Resources.VolumeSets;

/// <summary>Self links of volume sets: application sets (device-type1/4) and volume collections (type2).</summary>
public static class VolumeSetUris
{
    public static string Collection(DeviceType type) => type.UsesCpgs() ? "applicationsets" : "volume-collections";

    public static string PerType(VolumeSet set) =>
        $"{set.DeviceType.SystemBaseUri(set.SystemId)}/{Collection(set.DeviceType)}/{set.Id}";

    public static string Console(VolumeSet set) =>
        $"data-ops-manager/storage-systems/{set.DeviceType.PathSegment()}/{set.SystemId}/"
        + $"{Collection(set.DeviceType)}/{set.Id}";
}

/// <summary>Builds the generic and per-type volume-set schemas from a <see cref="VolumeSet"/>.</summary>
public static class VolumeSetViews
{
    public const string GenericType = "volume-set";

    public const string ApplicationSetType = "applicationset";

    public const string VolumeCollectionType = "volume-collection";

    // Display names of the spec's volumeSetApplicationType values, as the appSetType example ("Oracle Database").
    private static readonly Dictionary<string, string> AppTypeNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ORACLE_DATA"] = "Oracle Database",
        ["ORACLE_LOG"] = "Oracle Log",
        ["MICROSOFT_EXCHANGE"] = "Microsoft Exchange",
        ["MICROSOFT_EXCHANGE_LOG"] = "Microsoft Exchange Log",
        ["MICROSOFT_SQL_SERVER"] = "Microsoft SQL Server",
        ["MICROSOFT_SQL_SERVER_LOG"] = "Microsoft SQL Server Log",
        ["VIRTUAL_SERVER_VMWARE_ESXI_STORAGE"] = "Virtual Server VMware ESXi Storage",
        ["VIRTUAL_SERVER_HYPER_V_STORAGE"] = "Virtual Server Hyper-V Storage",
        ["VIRTUAL_DESKTOP_VMWARE_ESXI_STORAGE"] = "Virtual Desktop VMware ESXi Storage",
        ["VIRTUAL_DESKTOP_HYPER_V_STORAGE"] = "Virtual Desktop Hyper-V Storage",
        ["SHAREPOINT"] = "SharePoint",
        ["FILE_SERVER"] = "File Server",
        ["VEEAM_BACKUP_REPOSITORY"] = "Veeam Backup Repository",
        ["OTHER"] = "Other",
    };

    public static FleetVolumeset GenericItem(VolumeSet set, FleetStore store)
    {
        var item = FillGeneric(new FleetVolumeset(), set, store);
        item.Members = store.MembersOf(set).Select(v => v.Name).ToList();
        return item;
    }

    public static FleetVolumeSetDetails GenericDetail(VolumeSet set, FleetStore store) =>
        FillGeneric(new FleetVolumeSetDetails(), set, store);

    public static FleetSystemVolumeset SystemDetail(VolumeSet set, FleetStore store, string requestUri) => new()
    {
        AppType = DisplayType(set),
        AssociatedLinks = Links(set),
        ConsoleUri = VolumeSetUris.Console(set),
        CustomerId = store.CustomerId,
        Generation = set.Generation,
        Id = set.Id,
        Name = set.Name,
        ProductFamily = set.DeviceType.ProductFamily(),
        RequestUri = requestUri,
        ResourceUri = VolumeSetUris.PerType(set),
        SystemId = set.SystemId,
        Type = GenericType,
        VolumesCount = store.MembersOf(set).Count,
    };

    public static T ApplicationSetItem<T>(VolumeSet set, FleetStore store)
        where T : ApplicationSetFields, new()
    {
        var system = store.FindSystem(set.SystemId);
        var members = store.MembersOf(set);
        return new T
        {
            AppSetBusinessUnit = set.BusinessUnit,
            AppSetComments = set.Comment,
            AppSetExcludeAIQoS = "no",
            AppSetId = set.Number,
            AppSetImportance = set.Importance,
            AppSetName = set.Name,
            AppSetType = DisplayType(set),
            AssociatedLinks = Links(set),
            Comment = set.Comment,
            CustomerId = store.CustomerId,
            DisplayName = "Application Set " + set.Name,
            Generation = set.Generation,
            Id = set.Id,
            KvPairsPresent = false,
            Members = members.Select(v => v.Name).ToList(),
            Name = set.Name,
            SerialNumber = system.SerialNumber,
            SizeMiB = members.Sum(v => v.SizeMiB),
            SystemId = set.SystemId,
            Type = ApplicationSetType,
            VvSetType = "VVSET",
        };
    }

    public static T ApplicationSetDetail<T>(VolumeSet set, FleetStore store, string requestUri)
        where T : ApplicationSetDetailFields, new()
    {
        var detail = ApplicationSetItem<T>(set, store);
        if (detail is PrimeraApplicationSetDetails primera)
        {
            primera.AppSetTypeEnum = set.AppType;
        }

        detail.ConsoleUri = VolumeSetUris.Console(set);
        // No replication partners are simulated: every set is a primary that cannot fail over.
        detail.IsFailoverAllowed = false;
        detail.IsOverrideAllowed = false;
        detail.IsPrimary = true;
        detail.IsSyncAllowed = false;
        detail.RequestUri = requestUri;
        return detail;
    }

    public static T VolumeCollection<T>(VolumeSet set, FleetStore store)
        where T : NimbleVolumeCollection, new()
    {
        var system = store.FindSystem(set.SystemId);
        var members = store.MembersOf(set);
        var settings = set.Collection ?? new VolumeCollectionSettings();
        return new T
        {
            AppClusterName = settings.AppClusterName,
            AppId = settings.AppId,
            AppServer = settings.AppServer,
            AppServiceName = settings.AppServiceName,
            Id = set.Id,
            Name = set.Name,
            ProttmplId = settings.ProtectionTemplateId,
            ReplicationType = settings.ReplicationType ?? "periodic_snapshot",
            SynchronousReplicationState = "not_applicable",
            SynchronousReplicationType = "not_applicable",
            AgentHostname = settings.AgentHostname,
            AgentUsername = settings.AgentUsername,
            AppSync = settings.AppSync ?? "none",
            AssociatedLinks = [new AssociatedLink(ResourceUris.PerTypeSystem(system), "storage-systems")],
            ConsoleUri = VolumeSetUris.Console(set),
            CreationTime = set.CreatedAt.ToUnixTimeSeconds(),
            CustomerId = store.CustomerId,
            Description = settings.Description ?? "",
            FullName = set.Name,
            Generation = set.Generation,
            IsHandingOver = false,
            IsMfaProtected = false,
            IsStandaloneVolcoll = settings.IsStandalone ?? false,
            Metadata = settings.Metadata?.Select(kv => new NimbleNsKeyValue(kv.Key, kv.Value)).ToList() ?? [],
            PolOwnerName = system.Name,
            // No snapshot schedules are simulated, so no collection is protected.
            ProtectionType = "unprotected",
            ReplPriority = "normal",
            ResourceUri = VolumeSetUris.PerType(set),
            SearchName = set.Name,
            SnapcollCount = 0,
            Type = VolumeCollectionType,
            VcenterHostname = settings.VcenterHostname,
            VcenterUsername = settings.VcenterUsername,
            VolumeCount = members.Count,
            VolumeList = members.Select(v => new NimbleVolumeSummary(v.Id, v.Name, v.Id, v.Name)).ToList(),
        };
    }

    public static NimbleVCollectionDetailsWithRequestUri VolumeCollectionDetail(
        VolumeSet set, FleetStore store, string requestUri)
    {
        var detail = VolumeCollection<NimbleVCollectionDetailsWithRequestUri>(set, store);
        detail.RequestUri = requestUri;
        return detail;
    }

    /// <summary>
    /// The application a set serves, as the generic <c>appType</c> shows it: the display name of an application
    /// set's type, or of a volume collection's synchronized application.
    /// </summary>
    public static string DisplayType(VolumeSet set)
    {
        if (set.DeviceType.UsesCpgs())
        {
            return set.AppType switch
            {
                null => null,
                _ when string.Equals(set.AppType, "CUSTOM", StringComparison.OrdinalIgnoreCase) => set.CustomAppType,
                _ => AppTypeNames.GetValueOrDefault(set.AppType) ?? TitleCase(set.AppType),
            };
        }

        var appId = set.Collection?.AppId ?? "";
        return appId switch
        {
            _ when appId.StartsWith("sql", StringComparison.OrdinalIgnoreCase) => "Microsoft SQL Server",
            _ when appId.StartsWith("exchange", StringComparison.OrdinalIgnoreCase) => "Microsoft Exchange",
            "hyperv" => "Hyper-V",
            _ => set.Collection?.AppSync == "vmware" ? "VMware" : null,
        };
    }

    private static T FillGeneric<T>(T target, VolumeSet set, FleetStore store)
        where T : FleetVolumeSetDetails
    {
        target.AppType = DisplayType(set);
        target.AssociatedLinks = Links(set);
        target.CustomerId = store.CustomerId;
        target.Generation = set.Generation;
        target.Id = set.Id;
        target.Name = set.Name;
        target.ProductFamily = set.DeviceType.ProductFamily();
        target.ResourceUri = VolumeSetUris.PerType(set);
        target.SystemId = set.SystemId;
        target.Type = GenericType;
        return target;
    }

    /// <summary>The owning system and its volumes, as in the spec's application-set example.</summary>
    private static IReadOnlyList<AssociatedLink> Links(VolumeSet set)
    {
        var systemUri = set.DeviceType.SystemBaseUri(set.SystemId);
        return [new AssociatedLink(systemUri, "systems"), new AssociatedLink(systemUri + "/volumes", "volumes")];
    }

    /// <summary>SAP_HANA becomes "Sap Hana": a readable fallback for the free-text types vsAppSetType allows.</summary>
    private static string TitleCase(string value) =>
        string.Join(' ', value.Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(word.ToLowerInvariant())));
}
