using System.Text.Json.Serialization;
using NpsKit.Serialization;

namespace NpsKit;

/// <content>Serializes with <see cref="NpsIntervalJsonConverter"/>; see <see cref="NpsJson"/> for the format.</content>
[JsonConverter(typeof(NpsIntervalJsonConverter))]
public readonly partial record struct NpsInterval;
