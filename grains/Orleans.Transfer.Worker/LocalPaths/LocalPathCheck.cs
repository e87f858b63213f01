namespace Orleans.Transfer.Worker.LocalPaths;

/// <summary>A local path of a request to check (<see cref="ILocalPathChecker"/>) and the request field it came from, for the error.</summary>
public readonly record struct LocalPathCheck(string Path, string Field);
