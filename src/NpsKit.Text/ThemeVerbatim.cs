namespace NpsKit.Text;

/// <summary>An example comment of a theme.</summary>
/// <param name="ThemeId">The theme.</param>
/// <param name="Text">The comment as written.</param>
/// <param name="Score">Its answer, 0–10.</param>
/// <param name="Row">Its row in the analysed table.</param>
public sealed record ThemeVerbatim(string ThemeId, string Text, int Score, int Row);

/// <summary>A word sequence frequent among untagged detractor comments: a candidate for a new theme.</summary>
/// <param name="Phrase">The words, folded (lower case, accents removed but å), separated by one space.</param>
/// <param name="Comments">How many untagged detractor comments contain it.</param>
public sealed record CandidatePhrase(string Phrase, int Comments);

/// <summary>The comments of one group: how many answers, how many with a comment, how many of those no theme tagged.</summary>
/// <param name="Group">The group (<c>All</c>, a period or a segment).</param>
/// <param name="Answers">Answers, with or without a comment.</param>
/// <param name="Comments">Answers with a non-blank comment.</param>
/// <param name="Untagged">Comments that mention no theme.</param>
public sealed record ThemeGroup(string Group, long Answers, long Comments, long Untagged);
