"""Who was heard: the equity questions, their answers, the counts and their suppression."""
