"""The law as pure functions: periods under Regulation 1182/71, holiday calendars, fine
regimes, caps, money and currencies. Imports nothing else of dsactl but `errors` and
`packaged`.
"""
