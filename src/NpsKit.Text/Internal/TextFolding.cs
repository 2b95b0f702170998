using System.Globalization;
using System.Text;

namespace NpsKit.Text.Internal;

/// <summary>Case and diacritics folding, the one definition used for comments and codebook terms alike.</summary>
/// <remarks>
/// A word is lower-cased (invariant culture) and decomposed (Unicode NFD); combining marks are removed, except the ring
/// above an <c>a</c> (å), since æ, ø and å are letters of their own in Danish and Norwegian (æ and ø do not decompose);
/// the result is recomposed (NFC). So "Café", "CAFÉ", "cafe" and "café" written with a combining accent are one word, while
/// "får" (gets) and "far" (father) stay two.
/// </remarks>
internal static class TextFolding
{
    /// <summary>Whether a character continues a word: a letter, a digit, a combining mark, or an apostrophe between letters (handled by the tokenizer).</summary>
    public static bool IsWordChar(char c) => c < 128
        ? AsciiWord[c]
        : char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>ASCII letters and digits: the tokenizer's fast path (most characters of most comments).</summary>
    private static readonly bool[] AsciiWord = [.. Enumerable.Range(0, 128).Select(c => char.IsAsciiLetterOrDigit((char)c))];

    /// <summary>Whether <paramref name="c"/> is an apostrophe that may join two letters (don't, it’s).</summary>
    public static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    /// <summary>Folds one word (lower case, no accents but å); ASCII words take a fast path.</summary>
    public static string Fold(ReadOnlySpan<char> word)
    {
        bool ascii = true;
        foreach (char c in word)
        {
            if (c > 0x7F)
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            return string.Create(word.Length, word.ToString(), static (span, w) =>
            {
                for (int i = 0; i < span.Length; i++)
                {
                    char c = w[i];
                    span[i] = c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c == '\u2019' ? '\'' : c;
                }
            });
        }

        string decomposed = word.ToString().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        for (int i = 0; i < decomposed.Length; i++)
        {
            char c = decomposed[i];
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                if (c == '\u030A' && sb.Length > 0 && sb[^1] == 'a')
                {
                    _ = sb.Append(c); // å stays å
                }

                continue;
            }

            _ = sb.Append(c == '\u2019' ? '\'' : c);
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Splits text into folded words, in order.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        ReadOnlySpan<char> s = text;
        int i = 0;
        while (i < s.Length)
        {
            int start = NextWord(s, ref i, out int length);
            if (start < 0)
            {
                break;
            }

            words.Add(Fold(s.Slice(start, length)));
        }

        return words;
    }

    /// <summary>Finds the next word at or after <paramref name="i"/>; returns its start (−1 when none) and advances past it.</summary>
    public static int NextWord(ReadOnlySpan<char> s, ref int i, out int length)
    {
        while (i < s.Length && !IsWordChar(s[i]))
        {
            i++;
        }

        if (i >= s.Length)
        {
            length = 0;
            return -1;
        }

        int start = i;
        while (i < s.Length && (IsWordChar(s[i]) || (IsApostrophe(s[i]) && i + 1 < s.Length && char.IsLetter(s[i + 1]) && i > start)))
        {
            i++;
        }

        length = i - start;
        return start;
    }
}
