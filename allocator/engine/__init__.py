"""The allocation engine, one module per stage, in data-flow order.

1. ``tables``: the households and vacancies as column arrays, texts coded as integers.
2. ``eligibility``: every hard rule (``allocator.rules``) on every pair that could be suitable, block by block;
   the suitable pairs as sparse arrays.
3. ``types``: dwellings no household can tell apart, grouped into types with a capacity.
4. ``housed_set``: who is housed, the priority-greedy set, by one min-cost max-flow (``flow``).
5. ``serial_dictatorship``: with that set housed, each household in priority order gets the best wish rank that
   keeps everyone housed and everyone ahead at their rank (strict priority); ``weighted`` is the alternative
   mode that weighs seniority against wishes in one objective.
6. ``certify``: prices of the LP dual of the model (``model``, CP-SAT's statement of it, which the tests solve)
   prove the answer optimal, checked in exact integers; a better allocation would be a bug.
7. ``hand_out``: which dwelling of its type each household gets (the budget's cost tie-break).

``allocator.solve`` runs them in this order.
"""
