using System.Globalization;
using DsccSimulator.Resources.Common;
using DsccSimulator.Resources.Hosts;
using DsccSimulator.Resources.Tasks;
using DsccSimulator.Store;

namespace DsccSimulator.Resources.Issues;

/// <summary>
/// The account's alerts at startup, each about a real seeded resource and true to its data: a failed drive on the
/// Alletra MP, a host that lost its paths, the fullest volume, slow reads on the first Nimble volume, a software
/// update, a data-reduction recommendation, and one cleared alert (not listed; 409 by id). Issues that need a
/// resource the fleet lacks (no volumes with <c>--volumes 0</c>) are left out.
/// </summary>
public static class IssueSeedData
{
    private const int SeedSalt = 0x1550;

    public static IssueBook Create(FleetStore store, int seed)
    {
        var random = new Random(seed ^ SeedSalt);
        var epoch = SeedData.SeedEpoch;
        var systems = store.Systems;
        var primera1 = systems.First(s => s.DeviceType == DeviceType.DeviceType1);
        var primera2 = systems.Last(s => s.DeviceType == DeviceType.DeviceType1);
        var alletraMp = systems.First(s => s.DeviceType == DeviceType.DeviceType4);
        var nimble = systems.First(s => s.DeviceType == DeviceType.DeviceType2);
        var issues = new List<Issue>();

        Issue Make(string name, string title, string body, string category, string severity, string ruleId,
            ResourceReference related, StorageSystem owner, double hoursAgo, int count, string issueType = "ISSUE") =>
            new()
            {
                Id = NewUuid(random),
                Name = name,
                Title = title,
                Body = body,
                Category = category,
                IssueType = issueType,
                Severity = severity,
                State = IssueBook.ActiveState,
                RuleId = ruleId,
                RelatedResource = related,
                RelatedResourceOwner = owner is null ? null : SystemReference(owner),
                CreatedAt = epoch.AddHours(-hoursAgo),
                LastOccurredAt = epoch.AddHours(-hoursAgo / count),
                OccurrenceCount = count,
            };

        issues.Add(Make("Drive failure", $"A drive failed in enclosure 0 of {alletraMp.Name}",
            "Drive 0:14 reports a media failure and was taken out of service; data was rebuilt onto spare space. "
            + "Replace the drive: the system has enough spare capacity for one more failure only.",
            "HARDWARE", "CRITICAL", "SYS-HW-DRIVE-FAILED", SystemReference(alletraMp), null, 5, 1));

        var host = store.Hosts.Snapshot().Hosts.FirstOrDefault(h => h.Protocol == HostCatalog.Fc && h.UserCreated);
        if (host is not null)
        {
            issues.Add(Make("Host path loss", $"Host {host.Name} lost all paths to {primera1.Name}",
                $"None of the initiators of {host.Name} is logged in to {primera1.Name}. Check the host's HBAs, "
                + "cabling and FC zoning.",
                "CONNECTIVITY", "CRITICAL", "HOST-PATH-LOSS",
                new ResourceReference(host.Name, HostUris.Host(host.Id), HostViews.HostType), primera1, 2, 3));
        }

        var volumes = store.SnapshotVolumes();
        var fullest = volumes.OrderByDescending(v => (double)v.UsedMiB / v.SizeMiB).FirstOrDefault();
        if (fullest is not null)
        {
            var percent = (int)(100.0 * fullest.UsedMiB / fullest.SizeMiB);
            issues.Add(Make("Volume space usage", $"Volume {fullest.Name} is {percent}% full",
                $"{fullest.UsedMiB} MiB of {fullest.SizeMiB} MiB are written. Grow the volume or free space on the "
                + "host before it fills up.",
                "CAPACITY", "WARNING", "VOL-CAP-USAGE", VolumeReference(fullest), store.FindSystem(fullest.SystemId),
                30, 6));
        }

        var nimbleVolume = volumes.FirstOrDefault(v => v.SystemId == nimble.Id);
        if (nimbleVolume is not null)
        {
            issues.Add(Make("Read latency", $"High read latency on volume {nimbleVolume.Name}",
                $"Average read latency on {nimbleVolume.Name} stayed above 5 ms for 30 minutes. Look for a noisy "
                + "neighbour on the same pool or a host queue-depth limit.",
                "PERFORMANCE", "WARNING", "VOL-PERF-LATENCY", VolumeReference(nimbleVolume), nimble, 9, 4));
        }

        issues.Add(Make("Software update", $"Software update 4.5.22 is available for {primera2.Name}",
            $"{primera2.Name} runs {primera2.SoftwareVersion}. Version 4.5.22 fixes several host-connectivity "
            + "defects; schedule the non-disruptive update.",
            "SOFTWARE", "INFO", "SYS-SW-UPDATE", SystemReference(primera2), null, 72, 1));

        var pool = store.PoolsOf(primera1.Id)[0];
        issues.Add(Make("Enable data reduction", $"Enable data reduction on CPG {pool.Name} of {primera1.Name}",
            "Most volumes in this CPG hold compressible data. Converting them to data-reduced volumes would free "
            + "capacity without affecting performance.",
            "CAPACITY", "MEDIUM", "CPG-DR-RECOMMENDED",
            new ResourceReference(pool.Name, ResourceUris.PerTypePool(pool), "storage-pool"), primera1, 48, 1,
            issueType: "RECOMMENDATION"));

        var rebooted = Make("Node reboot", $"Controller node 1 of {primera1.Name} rebooted",
            "Node 1 restarted after a software watchdog timeout and rejoined the cluster.",
            "HARDWARE", "WARNING", "SYS-NODE-REBOOT", SystemReference(primera1), null, 120, 1);
        issues.Add(rebooted with { State = "CLOSED", ClearedAt = rebooted.CreatedAt.AddMinutes(14) });

        return new IssueBook(issues);
    }

    private static ResourceReference SystemReference(StorageSystem system) =>
        new(system.Name, ResourceUris.PerTypeSystem(system), "storage-system");

    private static ResourceReference VolumeReference(Volume volume) =>
        new(volume.Name, ResourceUris.PerTypeVolume(volume), "volume");

    /// <summary>A random (version 4) UUID from the seeded generator, so the same seed gives the same ids.</summary>
    private static Guid NewUuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    internal static string GenerationText(DateTimeOffset at) =>
        at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
