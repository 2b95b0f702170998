using System.Text.Json.Serialization;
using NpsKit.Serialization;

namespace NpsKit;

/// <content>Serializes with <see cref="NpsTallyJsonConverter"/>; see <see cref="NpsJson"/> for the format.</content>
[JsonConverter(typeof(NpsTallyJsonConverter))]
public readonly partial struct NpsTally;
