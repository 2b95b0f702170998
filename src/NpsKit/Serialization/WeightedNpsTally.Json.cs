using System.Text.Json.Serialization;
using NpsKit.Serialization;

namespace NpsKit;

/// <content>Serializes with <see cref="WeightedNpsTallyJsonConverter"/>; see <see cref="NpsJson"/> for the format.</content>
[JsonConverter(typeof(WeightedNpsTallyJsonConverter))]
public readonly partial struct WeightedNpsTally;
