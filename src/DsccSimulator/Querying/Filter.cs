using System.Text.Json;
using DsccSimulator.Errors;

namespace DsccSimulator.Querying;

public enum FilterOperator
{
    Eq,
    Gt,
    Lt,
    In,
}

/// <summary>One <c>&lt;path&gt; &lt;op&gt; &lt;literal(s)&gt;</c> test, with literals already converted.</summary>
public sealed class FilterCondition(
    PropertyPath path, FilterOperator op, ScalarKind kind, IReadOnlyList<object> operands)
{
    public PropertyPath Path => path;

    /// <summary>The test applied to one raw value, for callers that read the value from the store directly.</summary>
    public bool MatchesValue(object raw) => Passes(ScalarValues.Normalize(raw, kind));

    /// <summary>True when any value the path reaches passes; lists of strings therefore work with eq and in.</summary>
    public bool Matches(object item)
    {
        foreach (var raw in path.ValuesOf(item))
        {
            if (Passes(ScalarValues.Normalize(raw, kind)))
            {
                return true;
            }
        }

        return false;
    }

    private bool Passes(object value) => op switch
    {
        FilterOperator.Eq => Equal(value, operands[0]),
        FilterOperator.In => operands.Any(operand => Equal(value, operand)),
        FilterOperator.Gt => value is not null && ScalarValues.Compare(value, operands[0]) > 0,
        FilterOperator.Lt => value is not null && ScalarValues.Compare(value, operands[0]) < 0,
        _ => false,
    };

    private static bool Equal(object value, object operand) =>
        value is null || operand is null ? value is null && operand is null : ScalarValues.Compare(value, operand) == 0;
}

/// <summary>
/// A parsed <c>filter</c> query: conditions joined with <c>and</c>. Grammar (keywords case-insensitive):
/// <code>
/// filter    := condition ( "and" condition )*
/// condition := path ( "eq" | "gt" | "lt" ) literal | path "in" "(" literal ( "," literal )* ")"
/// </code>
/// Anything else is a 400: an empty list would hide a typo in a runbook.
/// </summary>
public sealed class Filter
{
    private static readonly Dictionary<string, FilterOperator> Operators = new(StringComparer.OrdinalIgnoreCase)
    {
        ["eq"] = FilterOperator.Eq,
        ["gt"] = FilterOperator.Gt,
        ["lt"] = FilterOperator.Lt,
        ["in"] = FilterOperator.In,
    };

    private readonly IReadOnlyList<FilterCondition> conditions;

    private Filter(IReadOnlyList<FilterCondition> conditions) => this.conditions = conditions;

    public IReadOnlyList<FilterCondition> Conditions => conditions;

    public bool Matches(object item)
    {
        foreach (var condition in conditions)
        {
            if (!condition.Matches(item))
            {
                return false;
            }
        }

        return true;
    }

    public static Filter Parse(string text, Type itemType, JsonSerializerOptions options)
    {
        var reader = new TokenReader(FilterTokenizer.Tokenize(text));
        if (reader.AtEnd)
        {
            throw ApiException.BadRequest("Invalid filter: it is empty.");
        }

        var conditions = new List<FilterCondition> { ParseCondition(reader, itemType, options) };
        while (!reader.AtEnd)
        {
            var joiner = reader.Next("'and'");
            if (!joiner.IsWord("and"))
            {
                throw ApiException.BadRequest(
                    $"Invalid filter: expected 'and' at position {joiner.Position} but found {joiner.Describe()}; "
                    + "only 'and' can join conditions.");
            }

            conditions.Add(ParseCondition(reader, itemType, options));
        }

        return new Filter(conditions);
    }

    private static FilterCondition ParseCondition(TokenReader reader, Type itemType, JsonSerializerOptions options)
    {
        var pathToken = reader.Next("a property name");
        if (pathToken.Kind != FilterTokenKind.Word)
        {
            throw ApiException.BadRequest($"Invalid filter: expected a property name at position "
                + $"{pathToken.Position}, found {pathToken.Describe()}.");
        }

        var path = PropertyPath.Resolve(itemType, pathToken.Text, options);
        if (!path.EndsOnScalar)
        {
            throw ApiException.BadRequest(
                $"Invalid filter: '{path.Text}' is an object; filter on one of its properties instead.");
        }

        var opToken = reader.Next("an operator (eq, gt, lt, in)");
        if (opToken.Kind != FilterTokenKind.Word || !Operators.TryGetValue(opToken.Text, out var op))
        {
            throw ApiException.BadRequest(
                $"Invalid filter: unsupported operator {opToken.Describe()} at position {opToken.Position}; "
                + "use eq, gt, lt or in.");
        }

        var kind = ScalarValues.KindOf(path.Leaf.Type);
        if (op is FilterOperator.Gt or FilterOperator.Lt && kind == ScalarKind.Boolean)
        {
            throw ApiException.BadRequest(
                $"Invalid filter: '{path.Text}' is true/false and cannot be used with gt or lt.");
        }

        var literals = op == FilterOperator.In ? ReadList(reader) : [ReadLiteral(reader)];
        var operands = literals.Select(l => ScalarValues.ParseLiteral(l, kind, path.Text)).ToList();
        if (op is FilterOperator.Gt or FilterOperator.Lt && operands[0] is null)
        {
            throw ApiException.BadRequest($"Invalid filter: '{path.Text} {opToken.Text} null' compares with null.");
        }

        return new FilterCondition(path, op, kind, operands);
    }

    private static FilterToken ReadLiteral(TokenReader reader)
    {
        var token = reader.Next("a value");
        return token.Kind is FilterTokenKind.Word or FilterTokenKind.Quoted
            ? token
            : throw ApiException.BadRequest(
                $"Invalid filter: expected a value at position {token.Position} but found {token.Describe()}.");
    }

    private static List<FilterToken> ReadList(TokenReader reader)
    {
        var open = reader.Next("'('");
        if (open.Kind != FilterTokenKind.OpenParen)
        {
            throw ApiException.BadRequest(
                $"Invalid filter: 'in' needs a list such as (a,b) at position {open.Position}.");
        }

        var values = new List<FilterToken> { ReadLiteral(reader) };
        while (true)
        {
            var next = reader.Next("',' or ')'");
            if (next.Kind == FilterTokenKind.CloseParen)
            {
                return values;
            }

            if (next.Kind != FilterTokenKind.Comma)
            {
                throw ApiException.BadRequest(
                    $"Invalid filter: expected ',' or ')' at position {next.Position} but found {next.Describe()}.");
            }

            values.Add(ReadLiteral(reader));
        }
    }

    private sealed class TokenReader(List<FilterToken> tokens)
    {
        private int index;

        public bool AtEnd => index >= tokens.Count;

        public FilterToken Next(string expected) =>
            AtEnd
                ? throw ApiException.BadRequest($"Invalid filter: it ends where {expected} was expected.")
                : tokens[index++];
    }
}
