using System.Collections;
using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace MilForge.CoreML.Tests;

/// <summary>Walks every message of a protobuf tree (fields, repeated fields and maps) looking for unknown fields.</summary>
internal static class ProtoWalk
{
    /// <summary>Paths of the messages that hold unknown fields (Google.Protobuf keeps them in <c>_unknownFields</c>).</summary>
    public static List<string> UnknownFields(IMessage message, string path = "")
    {
        var found = new List<string>();
        Walk(message, path.Length == 0 ? message.Descriptor.Name : path, found);
        return found;
    }

    /// <summary>Every message in the tree, with its path.</summary>
    public static IEnumerable<(string Path, IMessage Message)> Messages(IMessage message, string path)
    {
        yield return (path, message);
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var value = field.Accessor.GetValue(message);
            var name = $"{path}.{field.Name}";
            switch (value)
            {
                case IMessage child when field.FieldType == FieldType.Message && !field.IsMap:
                    foreach (var m in Messages(child, name))
                    {
                        yield return m;
                    }
                    break;
                case IDictionary map when field.IsMap:
                    foreach (DictionaryEntry e in map)
                    {
                        if (e.Value is IMessage v)
                        {
                            foreach (var m in Messages(v, $"{name}[{e.Key}]"))
                            {
                                yield return m;
                            }
                        }
                    }
                    break;
                case IList list when field.IsRepeated:
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (list[i] is IMessage item)
                        {
                            foreach (var m in Messages(item, $"{name}[{i}]"))
                            {
                                yield return m;
                            }
                        }
                    }
                    break;
                default:
                    break;
            }
        }
    }

    private static void Walk(IMessage message, string path, List<string> found)
    {
        foreach (var (p, m) in Messages(message, path))
        {
            var unknown = m.GetType().GetField("_unknownFields", BindingFlags.NonPublic | BindingFlags.Instance)
                ?? throw new InvalidOperationException($"{m.GetType().Name} has no _unknownFields field; Google.Protobuf changed its layout.");
            if (unknown.GetValue(m) is UnknownFieldSet set)
            {
                found.Add($"{p} ({set.CalculateSize()} bytes)");
            }
        }
    }
}
