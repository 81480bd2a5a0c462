using MuZero.Cli;

return MuZeroCommandLine.Run(args);
