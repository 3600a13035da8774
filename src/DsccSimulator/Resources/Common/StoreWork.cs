using DsccSimulator.Store;
using DsccSimulator.Tasks;

namespace DsccSimulator.Resources.Common;

/// <summary>
/// An asynchronous operation made of a store's begin/complete pair: <c>begin</c> runs the array's checks and takes
/// what the operation needs (the task fails with its refusal), <c>complete</c> applies the change and names the
/// resources it touched for the task's <c>associatedResources</c>.
/// </summary>
public sealed class StoreWork<TTicket>(
    string description,
    Func<(TTicket Ticket, ArrayFailure Failure)> begin,
    Func<TTicket, DateTimeOffset, IReadOnlyList<TaskResource>> complete) : ITaskWork
{
    private TTicket ticket;

    public string Description => description;

    public ArrayFailure Start()
    {
        (ticket, var failure) = begin();
        return failure;
    }

    public IReadOnlyList<TaskResource> Complete(DateTimeOffset now) => complete(ticket, now);
}
