namespace MuZero.Search;

/// <summary>
/// One edge (s, a) of a <see cref="SearchTree"/> as MuZero's pUCT descent reads it: Q(s, a) = r + d V(child)
/// (raw, before min-max normalization), the prior P(s, a) and the visit count N(s, a); 16 bytes, so the edges
/// of a node with up to four actions share one cache line.
/// </summary>
/// <param name="Q">r(s, a) + d V(child) after the child's last backup; 0 while the edge is not expanded.</param>
/// <param name="Prior">P(s, a).</param>
/// <param name="Visits">N(s, a): the child's visit count; 0 while the edge is not expanded (and between <see cref="SearchTree.AddChild"/> and the child's first <see cref="SearchTree.Backup"/>, which the search makes at once).</param>
internal record struct EdgeStatistics(double Q, float Prior, int Visits);
