<html>
<body>
<h2>Hello from the nextwork web app</h2>
<p>Its libraries came through AWS CodeArtifact. <a href="status">Status</a></p>
</body>
</html>
