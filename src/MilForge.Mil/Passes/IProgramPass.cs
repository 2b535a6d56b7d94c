namespace MilForge.Mil.Passes;

/// <summary>A program-to-program transformation. Passes rewrite in place and say whether they changed anything.</summary>
public interface IProgramPass
{
    /// <summary>The pass's name, recorded in the <see cref="Diagnostics.Origin"/> of ops it creates.</summary>
    string Name { get; }

    /// <summary>Runs the pass; returns true when the program changed.</summary>
    bool Run(MilProgram program);
}
