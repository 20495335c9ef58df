await KitLogin.Sample.SampleApp.Build(args).RunAsync();
