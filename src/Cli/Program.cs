using MuZero.Cli;

return MuZeroCommandLine.Build().Parse(args).Invoke();
