@echo off
rem The zhengban agent with the Node.js runtime installed beside it, for an administrator:
rem   "C:\Program Files\zhengban\zhengban-agent.cmd" status
rem Run it from an elevated prompt: the config, key and state in %%ProgramData%%\zhengban
rem are readable by SYSTEM and Administrators only. --use-system-ca: without a CA of its
rem own the agent trusts the roots Windows trusts, as it does when the scheduled task runs it.
"%~dp0node\node.exe" --use-system-ca "%~dp0agent\bundle\zhengban-agent.mjs" %*
