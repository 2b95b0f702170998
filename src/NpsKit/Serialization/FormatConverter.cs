using System.Text.Json;
using System.Text.Json.Serialization;

namespace NpsKit.Serialization;

/// <summary>
/// The shared shape of the NpsKit JSON converters: <see cref="JsonSerializer"/> delegates to the same strict reader and
/// writer that <see cref="NpsJson"/> uses, so both give the one documented format.
/// </summary>
/// <typeparam name="T">The serialized type.</typeparam>
internal abstract class FormatConverter<T> : JsonConverter<T>
{
    public sealed override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

    public sealed override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteValue(writer, value);
    }

    protected abstract T ReadValue(ref Utf8JsonReader reader);

    protected abstract void WriteValue(Utf8JsonWriter writer, T value);
}
