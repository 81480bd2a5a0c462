using MuZero.Cli;
using MuZero.Devices;

// Before anything can load libtorch, which reads it once (see OpenMpSpin).
OpenMpSpin.ApplyDefault();
return MuZeroCommandLine.Run(args);
