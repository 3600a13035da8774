using DsccSimulator.Resources.Common;
using DsccSimulator.Store;

namespace DsccSimulator.Resources.Exports;

/// <summary>Builds VLUN (device-type1/4) and access control record (device-type2) schemas from an export.</summary>
public static class ExportViews
{
    /// <summary>3PAR VLUN type of an export to a host set, in the DSCC spelling of 3PAR enums.</summary>
    private const string HostSetVlunType = "VLUNTYPE_HOST_SET";

    public static VlunsList VlunListItem(Volume volume, VolumeExport vlun, FleetStore store) => new()
    {
        Active = true,
        CustomerId = store.CustomerId,
        Generation = vlun.Generation,
        Id = vlun.Id,
        Initiators = HostGroupReference(vlun),
        Lun = vlun.Lun,
        ResourceUri = ResourceUris.PerTypeVlun(volume, vlun),
        State = new OverallState("STATE_NORMAL", []),
        SystemId = volume.SystemId,
        Type = "vlun",
        VlunType = HostSetVlunType,
        VolumeName = volume.Name,
        VolumeWwn = volume.Wwn,
        VvSize = volume.SizeMiB,
    };

    public static VlunsListSingle VlunDetail(Volume volume, VolumeExport vlun, string requestUri) => new()
    {
        Active = true,
        ConsoleUri = ResourceUris.ConsoleVlun(volume, vlun),
        Id = vlun.Id,
        Initiators = HostGroupReference(vlun),
        Lun = vlun.Lun,
        RequestUri = requestUri,
        ResourceUri = ResourceUris.PerTypeVlun(volume, vlun),
        State = new OverallState("STATE_NORMAL", []),
        SystemId = volume.SystemId,
        Type = HostSetVlunType,
        VolumeName = volume.Name,
        VolumeWwn = volume.Wwn,
        VvSize = volume.SizeMiB,
    };

    public static NimbleAccessControlRecord AccessControlRecordItem(
        Volume volume, VolumeExport record, FleetStore store) =>
        FillRecord(new NimbleAccessControlRecord(), volume, record, store);

    public static NimbleAccessControlRecordDetails AccessControlRecordDetail(
        Volume volume, VolumeExport record, FleetStore store, string requestUri)
    {
        var detail = FillRecord(new NimbleAccessControlRecordDetails(), volume, record, store);
        detail.RequestUri = requestUri;
        return detail;
    }

    private static T FillRecord<T>(T target, Volume volume, VolumeExport record, FleetStore store)
        where T : NimbleAccessControlRecord
    {
        target.AccessProtocol = "iscsi";
        target.ApplyTo = record.ApplyTo;
        target.AssociatedLinks =
        [
            new AssociatedLink(ResourceUris.PerTypeVolume(volume), "volumes"),
            new AssociatedLink(ResourceUris.HostGroup(record.HostGroupId), "host-initiator-groups"),
        ];
        target.ConsoleUri = ResourceUris.ConsoleAccessControlRecord(volume, record);
        target.CreationTime = record.CreatedAt.ToUnixTimeSeconds();
        target.CustomerId = store.CustomerId;
        target.Generation = record.Generation;
        target.Id = record.Id;
        target.InitiatorGroupId = record.InitiatorGroupId;

        // DSCC names the array's initiator group after the fleet host group it mirrors.
        target.InitiatorGroupName = record.HostGroupName;
        target.LastModified = record.Generation;
        target.Lun = record.Lun;
        target.ResourceUri = ResourceUris.AccessControlRecord(volume, record);
        target.Type = "access_control_record";
        target.VolAgentType = "none";
        target.VolId = volume.Id;
        target.VolName = volume.Name;
        return target;
    }

    private static InitiatorReference HostGroupReference(VolumeExport export) =>
        new(export.HostGroupName,
            export.HostGroupId,
            ResourceUris.HostGroup(export.HostGroupId),
            "host-initiator-groups");
}
