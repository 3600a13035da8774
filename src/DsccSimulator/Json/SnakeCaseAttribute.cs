namespace DsccSimulator.Json;

/// <summary>
/// Marks a response type whose JSON names are snake_case, as device-type2 (Nimble) schemas are. Properties with
/// an explicit <c>[JsonPropertyName]</c> keep it: Nimble schemas still spell <c>customerId</c>, <c>resourceUri</c>,
/// <c>consoleUri</c> and <c>requestUri</c> in camelCase.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class SnakeCaseAttribute : Attribute
{
}
