"""審査と採否 (review and decisions) and the staff overview of subsidy applications (issue 6).

Programme officers set weighted criteria and a budget per subsidy, assign reviewers; reviewers
declare conflicts of interest or score; officers rank, adopt or reject in bulk (through the
applications lifecycle services) and issue notices (通知書) rendered as PDF in background work.
"""
