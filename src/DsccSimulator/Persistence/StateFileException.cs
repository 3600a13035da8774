namespace DsccSimulator.Persistence;

/// <summary>The state file cannot be used; the message is the one line the simulator prints before exiting 2.</summary>
public sealed class StateFileException(string message, Exception inner = null) : Exception(message, inner);
