"""智慧问数: Chinese questions over the budget data and the policy library.

The pieces, each in its own module:
- answer.py   the answer as plain data (what `lingji ask --json` prints and POST /api/ask returns)
- scope.py    whose data an asker may see (all units, or some unit codes)
- lexicon.py, parser.py, query.py   the semantic parser: a question (and the session's last
              query, for follow-ups) -> a structured Query, or an honest 无法回答; its parts:
              vocabulary.py (every synonym, one table), numbers.py (years, top-N, thresholds),
              resolve.py (metric, filters, shape), followup.py (sessions), wording.py (how
              answers are written)
- policy/     search over the policy library and the standards library (jieba + BM25): its
              passages, tokenizer, index and answering
The database side of a Query is adapters/db/ask_queries.py (with ask_frames, ask_measures,
ask_compute, ask_facts and ask_answers); the use case is services/ask.py.
"""
