using System.Text.Json.Serialization;
using NpsKit.Serialization;

namespace NpsKit;

/// <content>Serializes with <see cref="NpsComparisonJsonConverter"/>; see <see cref="NpsJson"/> for the format.</content>
[JsonConverter(typeof(NpsComparisonJsonConverter))]
public sealed partial record NpsComparison;
