"""What dsactl computes from loaded case files: the docket, deadlines, exposure, summaries and
the timeline layout. Pure.
"""
