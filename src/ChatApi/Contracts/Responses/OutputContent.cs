using System.Text.Json.Serialization;

namespace ChatApi.Contracts.Responses;

/// <summary>A part of an output message: <c>output_text</c> or <c>refusal</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(OutputTextContent), "output_text")]
[JsonDerivedType(typeof(RefusalContent), "refusal")]
public abstract record OutputContent;
