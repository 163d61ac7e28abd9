"""Analytics: daily rollups kept in step with the raw rows, and the dashboard's figures."""
