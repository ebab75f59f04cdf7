"""The parsed frame -> status, category, review reasons and the sentence that explains them."""
