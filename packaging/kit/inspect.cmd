@echo off
rem zhengban inspector's kit, on Windows: double-click, or run from a prompt (as
rem administrator for the licence states only an administrator may read). Scans this PC
rem with the kit's own Node.js, installs nothing, and writes the signed record and the
rem printable sheet into results\ beside this file, on the stick. Extra arguments go to
rem the agent, e.g.  inspect.cmd --from E:\recorded-pc
rem "%~dp0." and not "%~dp0": a path ending in \ before the closing quote would escape it.
setlocal
set NODE_OPTIONS=
set NODE_EXTRA_CA_CERTS=
"%~dp0runtime\win-x64\node.exe" "%~dp0agent\zhengban-agent.mjs" inspect --kit "%~dp0." --out "%~dp0results" %*
set RC=%ERRORLEVEL%
echo.
pause
exit /b %RC%
