using KooGate.Cli;

return KooGateCli.Run(args, Console.Out, Console.Error, TimeProvider.System);
