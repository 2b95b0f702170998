namespace NpsKit.Text;

/// <summary>The language a codebook's terms are written in; it chooses the Snowball stemmer applied to its word stems and phrases.</summary>
public enum CommentLanguage
{
    /// <summary>English: the Snowball English (Porter2) stemmer; JSON code <c>en</c>.</summary>
    English,

    /// <summary>Danish: the Snowball Danish stemmer; JSON code <c>da</c>.</summary>
    Danish,
}
