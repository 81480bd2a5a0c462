namespace MuZero.Environments.Tests;

/// <summary>
/// The board games' symmetries (<see cref="BoardSymmetry"/>): they are permutations, and a game played with every move
/// mapped is the mapped image of the original, observation by observation, with the same legal moves, rewards and end.
/// </summary>
public sealed class BoardSymmetryTests
{
    public static TheoryData<string> Games => new(EnvironmentRegistry.BoardGames);

    [Theory]
    [InlineData("tictactoe", 8)]
    [InlineData("connect4", 2)]
    [InlineData("gomoku", 8)]
    public void EachGameHasItsSymmetriesIdentityFirstAndAllDistinctPermutations(string name, int count)
    {
        var game = (IBoardGame)EnvironmentRegistry.Create(name);
        var symmetries = game.Symmetries;
        Assert.Equal(count, symmetries.Count);
        Assert.Equal("identity", symmetries[0].Name);
        int cells = game.Spec.ObservationShape[1] * game.Spec.ObservationShape[2];
        foreach (var symmetry in symmetries)
        {
            Assert.Equal(Enumerable.Range(0, cells), symmetry.CellMap.Order());
            Assert.Equal(Enumerable.Range(0, game.Spec.ActionCount), symmetry.ActionMap.Order());
        }
        Assert.Equal(Enumerable.Range(0, cells), symmetries[0].CellMap);
        Assert.Equal(count, symmetries.Select(s => string.Join(",", s.CellMap)).Distinct().Count());
    }

    [Fact]
    public void TheSquareMapsAreTheOnesTheirNamesSay()
    {
        // 3 x 3 cells: 0 1 2 / 3 4 5 / 6 7 8.
        var maps = BoardSymmetry.Square(3).ToDictionary(s => s.Name, s => s.CellMap);
        Assert.Equal([2, 5, 8, 1, 4, 7, 0, 3, 6], maps["rotate 90"]);         // top-left corner goes to the top-right
        Assert.Equal([8, 7, 6, 5, 4, 3, 2, 1, 0], maps["rotate 180"]);
        Assert.Equal([6, 3, 0, 7, 4, 1, 8, 5, 2], maps["rotate 270"]);
        Assert.Equal([2, 1, 0, 5, 4, 3, 8, 7, 6], maps["mirror left-right"]);
        Assert.Equal([6, 7, 8, 3, 4, 5, 0, 1, 2], maps["mirror top-bottom"]);
        Assert.Equal([0, 3, 6, 1, 4, 7, 2, 5, 8], maps["transpose"]);
        Assert.Equal([8, 5, 2, 7, 4, 1, 6, 3, 0], maps["anti-transpose"]);

        var rotate = maps["rotate 90"];
        var fourTimes = Enumerable.Range(0, 9).Select(c => rotate[rotate[rotate[rotate[c]]]]);
        Assert.Equal(Enumerable.Range(0, 9), fourTimes);
    }

    [Fact]
    public void ConnectFourMirrorsColumnsAndKeepsRows()
    {
        var mirror = new ConnectFour().Symmetries[1];
        Assert.Equal([6, 5, 4, 3, 2, 1, 0], mirror.ActionMap);
        Assert.Equal(6, mirror.CellMap[0]);          // top row, left end -> right end
        Assert.Equal(5 * 7 + 4, mirror.CellMap[5 * 7 + 2]); // bottom row, third column -> fifth
    }

    [Theory]
    [MemberData(nameof(Games))]
    public void AGamePlayedThroughASymmetryIsTheImageOfTheOriginal(string name)
    {
        var random = new Random(7);
        var prototype = (IBoardGame)EnvironmentRegistry.Create(name);
        var spec = prototype.Spec;
        int cells = spec.ObservationShape[1] * spec.ObservationShape[2];
        var observation = new float[spec.ObservationSize];
        var mappedObservation = new float[spec.ObservationSize];
        var legal = new bool[spec.ActionCount];
        var mappedLegal = new bool[spec.ActionCount];

        foreach (var symmetry in prototype.Symmetries)
        {
            for (int game = 0; game < 20; game++)
            {
                var original = (IBoardGame)EnvironmentRegistry.Create(name);
                var mapped = (IBoardGame)EnvironmentRegistry.Create(name);
                while (true)
                {
                    original.WriteObservation(observation);
                    mapped.WriteObservation(mappedObservation);
                    for (int plane = 0; plane < spec.ObservationSize; plane += cells)
                    for (int cell = 0; cell < cells; cell++)
                        Assert.Equal(observation[plane + cell], mappedObservation[plane + symmetry.CellMap[cell]]);
                    original.WriteLegalActions(legal);
                    mapped.WriteLegalActions(mappedLegal);
                    for (int action = 0; action < spec.ActionCount; action++)
                        Assert.Equal(legal[action], mappedLegal[symmetry.ActionMap[action]]);
                    if (original.IsOver) break;

                    var moves = Enumerable.Range(0, spec.ActionCount).Where(a => legal[a]).ToArray();
                    int move = moves[random.Next(moves.Length)];
                    var step = original.Step(move);
                    var mappedStep = mapped.Step(symmetry.ActionMap[move]);
                    Assert.Equal(step, mappedStep);
                    Assert.Equal(original.Winner, mapped.Winner);
                }
                Assert.True(mapped.IsOver);
            }
        }
    }
}
