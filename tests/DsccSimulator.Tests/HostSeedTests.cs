using DsccSimulator.Cli;
using DsccSimulator.Store;

namespace DsccSimulator.Tests;

public sealed class HostSeedTests
{
    [Fact]
    public void SameSeedSameHostsDifferentSeedDifferentIdsSameNames()
    {
        static (string Ids, string Names) Fingerprint(int seed)
        {
            var hosts = SeedData.Create(new SimulatorOptions { Seed = seed, Volumes = 8 }).Hosts.Snapshot();
            var ids = hosts.Hosts.Select(h => h.Id).Concat(hosts.Groups.Select(g => g.Id))
                .Concat(hosts.Initiators.Select(i => i.Id + "/" + i.Address));
            var names = hosts.Hosts.Select(h => h.Name).Concat(hosts.Groups.Select(g => g.Name));
            return (string.Join(",", ids), string.Join(",", names));
        }

        Assert.Equal(Fingerprint(3), Fingerprint(3));
        Assert.NotEqual(Fingerprint(3).Ids, Fingerprint(4).Ids);
        Assert.Equal(Fingerprint(3).Names, Fingerprint(4).Names);
    }

    [Fact]
    public void SeededHostsLookLikeRealOnes()
    {
        var store = SeedData.Create(new SimulatorOptions());
        var hosts = store.Hosts.Snapshot();

        Assert.Equal(6, hosts.Hosts.Count);
        Assert.Equal(4, hosts.Groups.Count);
        var allIds = hosts.Hosts.Select(h => h.Id)
            .Concat(hosts.Groups.Select(g => g.Id))
            .Concat(hosts.Initiators.Select(i => i.Id));
        Assert.All(allIds, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.All(hosts.Initiators.Where(i => i.Protocol == "FC"),
            i => Assert.Matches("^(21000024FF|10000000C9)[0-9A-F]{6}$", i.Address));
        Assert.All(hosts.Initiators.Where(i => i.Protocol == "iSCSI"),
            i => Assert.StartsWith("iqn.", i.Address, StringComparison.Ordinal));
        Assert.All(hosts.Hosts, h => Assert.Single(hosts.InitiatorsOf(h).Select(i => i.Protocol).Distinct()));
        Assert.All(hosts.Initiators, i => Assert.All(i.Systems, s => Assert.NotNull(store.FindSystem(s))));
        Assert.All(hosts.Groups, g => Assert.NotEmpty(hosts.HostsOf(g)));
        Assert.True(hosts.Groups.All(g => store.HostGroupExists(g.Id)));
    }
}
