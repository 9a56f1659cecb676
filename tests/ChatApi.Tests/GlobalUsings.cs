global using ChatApi.Tests.Infrastructure;
