using System.Text;
using DsccSimulator.Errors;

namespace DsccSimulator.Querying;

public enum FilterTokenKind
{
    Word,
    Quoted,
    OpenParen,
    CloseParen,
    Comma,
}

/// <summary>One lexical piece of a filter; <see cref="Position"/> is 1-based for error messages.</summary>
public sealed record FilterToken(FilterTokenKind Kind, string Text, int Position)
{
    public bool IsWord(string word) =>
        Kind == FilterTokenKind.Word && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);

    public string Describe() => Kind == FilterTokenKind.Quoted ? $"quoted value '{Text}'" : $"'{Text}'";
}

/// <summary>
/// Splits a filter into words, quoted literals and punctuation. The spec uses unquoted (<c>name eq vol1</c>),
/// single-quoted (<c>state eq 'CREATED'</c>) and double-quoted (<c>ip eq "1.2.3.4"</c>) literals, so all three
/// are accepted; a quote inside a quoted literal is written twice, as in OData.
/// </summary>
public static class FilterTokenizer
{
    public static List<FilterToken> Tokenize(string filter)
    {
        var tokens = new List<FilterToken>();
        var i = 0;
        while (i < filter.Length)
        {
            var c = filter[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var punctuation = c switch
            {
                '(' => FilterTokenKind.OpenParen,
                ')' => FilterTokenKind.CloseParen,
                ',' => FilterTokenKind.Comma,
                _ => (FilterTokenKind?)null,
            };
            if (punctuation is { } kind)
            {
                tokens.Add(new FilterToken(kind, c.ToString(), i + 1));
                i++;
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(ReadQuoted(filter, ref i));
            }
            else
            {
                tokens.Add(ReadWord(filter, ref i));
            }
        }

        return tokens;
    }

    private static FilterToken ReadQuoted(string filter, ref int i)
    {
        var quote = filter[i];
        var start = i;
        var text = new StringBuilder();
        i++;
        while (i < filter.Length)
        {
            if (filter[i] != quote)
            {
                text.Append(filter[i++]);
            }
            else if (i + 1 < filter.Length && filter[i + 1] == quote)
            {
                text.Append(quote);
                i += 2;
            }
            else
            {
                i++;
                return new FilterToken(FilterTokenKind.Quoted, text.ToString(), start + 1);
            }
        }

        throw ApiException.BadRequest($"Invalid filter: the quote opened at position {start + 1} is never closed.");
    }

    private static FilterToken ReadWord(string filter, ref int i)
    {
        var start = i;
        while (i < filter.Length && !char.IsWhiteSpace(filter[i]) && filter[i] is not ('(' or ')' or ','))
        {
            if (filter[i] is '\'' or '"')
            {
                throw ApiException.BadRequest(
                    $"Invalid filter: unexpected quote at position {i + 1}; quote the whole value.");
            }

            i++;
        }

        return new FilterToken(FilterTokenKind.Word, filter[start..i], start + 1);
    }
}
