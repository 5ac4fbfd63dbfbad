using System.Text.Json;
using System.Text.Json.Serialization;

namespace IldRegistry.Domain.Common;

/// <summary>Writes a <see cref="PartialDate"/> as the string it was given and reads it back.</summary>
public sealed class PartialDateJsonConverter : JsonConverter<PartialDate>
{
    public override PartialDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a date string. Accepted forms: {PartialDate.AcceptedForms}.");
        }

        var text = reader.GetString();
        return PartialDate.TryParse(text, out var value)
            ? value
            : throw new JsonException(PartialDate.NotADate(text));
    }

    public override void Write(Utf8JsonWriter writer, PartialDate value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Text);
}
