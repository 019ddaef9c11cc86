@echo off
rem The `keyturn` command of an installed Keyturn (Windows). ELECTRON_RUN_AS_NODE is fused off,
rem so this starts the app's own binary with --keyturn-cli: the app runs the command in its main
rem process and exits, without a window (src/main/electron/cli-launch.ts).
"%~dp0..\..\Keyturn.exe" --keyturn-cli -- %*
exit /b %ERRORLEVEL%
