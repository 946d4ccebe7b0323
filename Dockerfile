# Autoencoder Lab: two images from one Dockerfile.
#
#   docker build -t autoencoder-lab .                          # default: serves, and trains on a GPU
#   docker build --target slim -t autoencoder-lab:slim .       # serving only: no TensorFlow, no CUDA
#   (--build-arg DOWNLOAD_MNIST=0 leaves MNIST out of either)
#   docker run --rm -p 8501:8501 autoencoder-lab               # serve on http://localhost:8501
#   docker run --rm --gpus all -v "$PWD/weights:/app/weights" autoencoder-lab \
#       python -m training --variant all                   # in a process of its own; without --gpus all, on the CPU
#
# The app's server never imports TensorFlow (inference runs in NumPy from the h5 weights), so
# both images serve the same way; only the default one has TensorFlow and the CUDA wheels to train.
# The images run as uid 1000 (user `app`): a mounted weights folder must be writable by uid 1000,
# or run as yourself with --user "$(id -u):$(id -g)".

# What both images share: serving dependencies, the user, how to start and check the server.
FROM python:3.11-slim AS serving

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    TF_CPP_MIN_LOG_LEVEL=2 \
    TF_FORCE_GPU_ALLOW_GROWTH=true \
    MALLOC_ARENA_MAX=2 \
    STREAMLIT_SERVER_PORT=8501
# MALLOC_ARENA_MAX: Streamlit runs each rerun in a new thread, and glibc keeps freed memory in
# an arena per thread (up to 8 per core); two keep the server about 50 MB smaller.
# STREAMLIT_SERVER_PORT: the port the server listens on, and the one its health check asks.

RUN useradd --create-home --uid 1000 --user-group app \
    && install -d -o app -g app /app /app/weights /app/runs /data

WORKDIR /app

# Dependencies before the code, so editing the code does not reinstall them.
COPY requirements.txt ./
RUN pip install -r requirements.txt

EXPOSE 8501

# Slim images have no curl. urlopen raises on a refused connection and on Streamlit's 503,
# and an uncaught exception exits 1, which Docker reads as unhealthy. Streamlit serves on
# $STREAMLIT_SERVER_PORT, and the check asks that same port: `-e STREAMLIT_SERVER_PORT=9000`
# moves both.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://localhost:{os.environ.get('STREAMLIT_SERVER_PORT', '8501')}/_stcore/health\", timeout=4)"]

# The loader treats a MNIST_NPZ that names a missing file as an error (it does not fall back
# to the Keras download), so an ENV cannot set it: point it at /data/mnist.npz only when the
# build put the file there, and never override a MNIST_NPZ given with `docker run -e`.
ENTRYPOINT ["/bin/sh", "-c", "if [ -z \"${MNIST_NPZ:-}\" ] && [ -f /data/mnist.npz ]; then export MNIST_NPZ=/data/mnist.npz; fi; exec \"$@\"", "--"]
CMD ["python", "-m", "serve", "--server.address=0.0.0.0", "--server.headless=true"]

# MNIST inside the images, so the app's sample digits and training work offline. Fetched with
# the standard library (the slim image has no Keras), from Keras's own source, and refused
# unless its sha256 is the one keras.datasets.mnist checks.
FROM serving AS mnist
ARG DOWNLOAD_MNIST=1
ARG MNIST_URL=https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz
ARG MNIST_SHA256=731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1
RUN if [ "$DOWNLOAD_MNIST" = "1" ]; then \
        python -c "import hashlib, sys, urllib.request; \
data = urllib.request.urlopen(sys.argv[1], timeout=120).read(); \
assert hashlib.sha256(data).hexdigest() == sys.argv[2], 'MNIST download does not match its sha256'; \
open('/data/mnist.npz', 'wb').write(data)" "$MNIST_URL" "$MNIST_SHA256"; \
    fi

# The code, in a stage of its own so that both images copy the same files in one line.
FROM scratch AS source
COPY app.py /app/
COPY .streamlit/ /app/.streamlit/
COPY models/ /app/models/
COPY digits/ /app/digits/
COPY i18n/ /app/i18n/
COPY jobs/ /app/jobs/
COPY lesson/ /app/lesson/
COPY rooms/ /app/rooms/
COPY training/ /app/training/
COPY serve/ /app/serve/
COPY ui/ /app/ui/
COPY pages/ /app/pages/
COPY weights/ /app/weights/

# Serving only. `python -m training` here says that training needs the default image.
FROM serving AS slim
COPY --from=mnist /data/ /data/
COPY --from=source --chown=app:app /app/ /app/
# Numeric, so orchestrators can check that the container does not run as root.
USER 1000:1000

# The default image (last, so a plain `docker build` makes it): serving plus TensorFlow and
# the CUDA wheels for training on `--gpus all`.
FROM serving AS default
COPY requirements-train.txt ./
# The and-cuda extra brings CUDA and cuDNN as pip wheels, so the host needs only the NVIDIA driver.
# One resolve: the version range comes from requirements-train.txt, the extra adds the CUDA wheels.
RUN pip install -r requirements-train.txt "tensorflow[and-cuda]"
# TensorFlow does not find every CUDA library inside site-packages on its own; put their
# folders on the loader path. `find` fails the build if the wheels are missing.
RUN find "$(python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/nvidia" \
        -mindepth 2 -maxdepth 2 -type d -name lib > /etc/ld.so.conf.d/nvidia-pip.conf \
    && ldconfig
COPY --from=mnist /data/ /data/
COPY --from=source --chown=app:app /app/ /app/
USER 1000:1000
