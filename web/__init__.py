"""The public site of each region: server-rendered pages of the intervention
bank, news, meetings, groups and projects. `cms` never imports this app."""
